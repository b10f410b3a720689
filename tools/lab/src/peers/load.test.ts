import { describe, expect, it } from 'vitest';
import { parsePerfdhcp } from './load.js';

const OUTPUT = `Running: perfdhcp -4 -l eth0 -r 1000 -R 90 -p 8
***Rate statistics***
Rate: 734.415 4-way exchanges/second, expected rate: 1000

***Statistics for: DISCOVER-OFFER***
sent packets: 7999
received packets: 7999
drops: 0

***Statistics for: REQUEST-ACK***
sent packets: 7999
received packets: 5888
drops: 2111
`;

describe('lab peers load', () => {
  it("lab peers load › reads perfdhcp's rate and its REQUEST-ACK counts", () => {
    expect(parsePerfdhcp(OUTPUT, 1000)).toEqual({ offeredPerS: 1000, grantedPerS: 734.415, requestsSent: 7999, acksReceived: 5888 });
  });

  it('lab peers load › names what it expected when perfdhcp printed something else', () => {
    expect(() => parsePerfdhcp('Error: no interface', 10)).toThrow(/expected "Rate: N 4-way exchanges\/second".*"Error: no interface"/);
  });
});
