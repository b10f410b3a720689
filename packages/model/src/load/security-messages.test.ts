import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { parseConfigText } from './parse-config.js';
import { resourceYaml } from '../testing/index.js';

const ID = 'net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/lan-v4-leases';

function targetProblems(target: string): string[] {
  const text = resourceYaml('DHCPv4ServerLeaseSync', 'lan-v4-leases', `\n    source: { resource: lan-dhcpv4 }\n    targets:\n      - ${target}`);
  return parseConfigText({ file: 'router.yaml', text }).diagnostics.map(formatDiagnostic);
}

describe('security messages', () => {
  it('security messages › a host read as an ssh option is refused at its path', () => {
    expect(targetProblems('host: -oProxyCommand=x')).toEqual([
      `router.yaml:7:15: ${ID} spec.targets[0].host: must not start with "-" (ssh would read it as an option), found "-oProxyCommand=x"`,
    ]);
  });

  it('security messages › a host with whitespace or a shell metacharacter is refused', () => {
    expect(targetProblems('host: "a b"')).toEqual([`router.yaml:7:15: ${ID} spec.targets[0].host: must not hold whitespace or shell metacharacters, found "a b"`]);
    expect(targetProblems('host: x;reboot')).toEqual([
      `router.yaml:7:15: ${ID} spec.targets[0].host: must not hold whitespace or shell metacharacters, found "x;reboot"`,
    ]);
  });

  it('security messages › a user with a host part is refused', () => {
    expect(targetProblems('{ host: standby, user: root@x }')).toEqual([
      `router.yaml:7:32: ${ID} spec.targets[0].user: must not hold whitespace, "@" or shell metacharacters, found "root@x"`,
    ]);
  });

  it('security messages › an option with a newline is refused, naming its index', () => {
    expect(targetProblems('{ host: standby, options: ["--timeout=5", "--a\\nb"], sshOptions: ["-o", "A=1\\r"] }')).toEqual([
      `router.yaml:7:51: ${ID} spec.targets[0].options[1]: must be a single argument without newlines, found "--a\\nb"`,
      `router.yaml:7:81: ${ID} spec.targets[0].sshOptions[1]: must be a single argument without newlines, found "A=1\\r"`,
    ]);
  });

  it('security messages › a missing host is required', () => {
    expect(targetProblems('{ user: routerd }')).toEqual([`router.yaml:7:9: ${ID} spec.targets[0].host: is required (expected a string)`]);
  });
});
