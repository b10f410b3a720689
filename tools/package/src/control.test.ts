import { describe, expect, it } from 'vitest';
import { controlFile, POSTINST, POSTRM } from './control.js';

describe('control', () => {
  it('control › one field a line, the synopsis without its full stop, the long description indented, a newline at the end', () => {
    const text = controlFile({ version: '0.1.0', maintainer: 'M <m@example.org>', synopsis: 'Keeps leases warm.', installedSizeKiB: 42 });
    const lines = text.split('\n');
    expect(lines.slice(0, 6)).toEqual(['Package: routerd-lease-sync', 'Version: 0.1.0', 'Architecture: all', 'Maintainer: M <m@example.org>', 'Installed-Size: 42', 'Depends: nodejs (>= 18.19), nats-server, rsync, openssh-client, iproute2, systemd']);
    expect(lines).toContain('Description: Keeps leases warm');
    const description = lines.slice(lines.indexOf('Description: Keeps leases warm') + 1, -1);
    expect(description.length).toBeGreaterThan(0);
    expect(description.every((line) => line.startsWith(' ') && line.length <= 90)).toBe(true);
    expect(text.endsWith('nothing; see /usr/share/doc/routerd-lease-sync/operations.md.\n')).toBe(true);
  });

  it('control › postinst creates the user and folders from our files only, and reloads systemd only where it runs', () => {
    expect(POSTINST).toContain('\n  systemd-sysusers routerd-lease-sync.conf\n');
    expect(POSTINST).toContain('\n  systemd-tmpfiles --create routerd-lease-sync.conf ');
    expect(POSTINST).toContain('if [ -d /run/systemd/system ]; then\n    systemctl daemon-reload\n');
    expect(POSTRM).not.toMatch(/userdel|deluser|rm -rf/);
  });
});
