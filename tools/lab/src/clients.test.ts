import { describe, expect, it } from 'vitest';
import { lastV6Lease } from './clients.js';

const lease6 = (address: string, starts: number, serverId: string) => `lease6 {
  interface "eth0";
  ia-na 30:11:22:33 {
    iaaddr ${address} {
      starts ${starts};
    }
  }
  option dhcp6.server-id ${serverId};
}
`;
const LEASES = `default-duid "\\000\\001";
${lease6('2001:db8:30::1a2', 1700000000, '0:1:0:1:2c:aa:bb:cc:2:0:0:0:0:2')}${lease6('2001:db8:30::1b7', 1700000100, '0:1:0:1:2c:aa:bb:cc:2:0:0:0:0:3')}`;

describe('lab dhcp clients', () => {
  it('lab dhcp clients › reads the newest lease6 block of a dhclient lease file', () => {
    expect(lastV6Lease(LEASES)).toEqual({ address: '2001:db8:30::1b7', serverDuid: '0:1:0:1:2c:aa:bb:cc:2:0:0:0:0:3' });
  });

  it('lab dhcp clients › no lease6 block, no lease', () => {
    expect(lastV6Lease('default-duid "x";\n')).toBeUndefined();
  });
});
