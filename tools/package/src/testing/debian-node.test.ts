import { describe, expect, it } from 'vitest';
import { dependsOf, pickVersion } from './debian-node.js';
import { overUsr } from './installed-root.js';

describe('debian node', () => {
  it("debian node › picks the newest 18.x apt offers, not another vendor's 20.x", () => {
    const madison = [
      '    nodejs | 20.20.2-1nodesource1 | https://deb.nodesource.com/node_20.x nodistro/main amd64 Packages',
      '    nodejs | 18.20.4+dfsg-1~deb12u3 | http://deb.debian.org/debian-security bookworm-security/main amd64 Packages',
      '    nodejs | 18.20.4+dfsg-1~deb12u2 | http://deb.debian.org/debian bookworm/main amd64 Packages',
    ].join('\n');
    expect(pickVersion(madison, 18)).toBe('18.20.4+dfsg-1~deb12u3');
    expect(pickVersion('', 18)).toBeUndefined();
  });

  it('debian node › reads the Depends of apt-cache depends, first alternatives too, without virtual names', () => {
    const output = ['libnode108', '  Depends: libbrotli1', ' |Depends: libssl3', '  Depends: <libgcc1>', '    libgcc-s1', '  Conflicts: <nodejs-legacy>', '  Breaks: node-modern-syslog'].join('\n');
    expect(dependsOf(output)).toEqual(['libbrotli1', 'libssl3']);
  });

  it("debian node › the overlay's layers go before the host's /usr, and a path mount cannot take is refused", () => {
    const argv = overUsr(['/a', '/b'], ['/usr/bin/node', '-v']);
    expect(argv.slice(-3)).toEqual(['/a/usr:/b/usr:/usr', '/usr/bin/node', '-v']);
    expect(() => overUsr(['/a:b'], ['true'])).toThrow('overlay layer "/a:b": expected a path without ":", "," or spaces');
  });
});
