import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { parseConfigText } from './parse-config.js';
import { resourceYaml } from '../testing/index.js';

const ID = 'net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/lan-v4-leases';
const EXPECTED = 'expected a duration such as "500ms", "30s", "1m30s" or "1h"';

function syncProblems(extra: string): string[] {
  const text = resourceYaml('DHCPv4ServerLeaseSync', 'lan-v4-leases', `\n    source: { resource: lan-dhcpv4 }\n    targets: [{ host: standby }]\n${extra}`);
  return parseConfigText({ file: 'router.yaml', text }).diagnostics.map(formatDiagnostic);
}

describe('durations', () => {
  it('durations › an interval that is not a duration says what it could not read', () => {
    expect(syncProblems('    interval: 5x')).toEqual([`router.yaml:7:15: ${ID} spec.interval: ${EXPECTED}, found "5x" (cannot read "5x")`]);
  });

  it('durations › a bare number is refused with the duration wording', () => {
    expect(syncProblems('    interval: 30')).toEqual([`router.yaml:7:15: ${ID} spec.interval: ${EXPECTED}, found 30`]);
  });

  it('durations › when durations are checked too, and maxAge must be positive', () => {
    const when = '    when:\n      state:\n        VirtualAddress/lan-vip.role: { equals: master, for: soon, maxAge: 0s }';
    expect(syncProblems(when)).toEqual([
      `router.yaml:9:61: ${ID} spec.when.state["VirtualAddress/lan-vip.role"].for: ${EXPECTED}, found "soon" (cannot read "soon")`,
      `router.yaml:9:75: ${ID} spec.when.state["VirtualAddress/lan-vip.role"].maxAge: expected a positive duration, found "0s"`,
    ]);
  });

  it('durations › valid durations load', () => {
    expect(syncProblems('    interval: 1m30s')).toEqual([]);
  });
});
