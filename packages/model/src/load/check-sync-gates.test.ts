import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from './diagnostic.js';
import { loadConfig } from './load-config.js';
import { configYaml, lanResources, resourceYaml } from '../testing/index.js';

const BASE = configYaml(lanResources());
const GATE = 'when: { state: { VirtualAddress/lan-vip.role: { equals: master } } }';
const sync = (extra: string) => resourceYaml('DHCPv4ServerLeaseSync', 'v4', `{ source: { resource: lan-dhcpv4 }, targets: [{ host: standby }]${extra} }`);

function load(text: string) {
  const result = loadConfig([{ file: 'router.yaml', text }]);
  // The missing-promotion warning has its own tests (check-promotions.test.ts).
  const diagnostics = result.diagnostics.map(formatDiagnostic).filter((d) => !d.includes('DHCPServerPromotion'));
  return { valid: result.config !== undefined, diagnostics };
}

describe('sync gates', () => {
  it('sync gates › a sync without a when gate is an error naming the resource and field, why, and both fixes', () => {
    expect(load(BASE + sync(''))).toEqual({
      valid: false,
      diagnostics: [
        'router.yaml:16:3: net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/v4 spec.when: expected a when gate such as when: {state: {"VirtualAddress/<name>.role": {equals: master}}}, found none: without it the backup would overwrite the master\'s file; add the gate, or set delivery: replace to push from every node on purpose',
      ],
    });
    expect(load(BASE + sync(', delivery: merge')).valid).toBe(false);
  });

  it('sync gates › with delivery replace a sync without a gate is valid, and warned about', () => {
    expect(load(BASE + sync(', delivery: replace'))).toEqual({
      valid: true,
      diagnostics: [
        'router.yaml:16:3: warning: net.routerd.net/v1alpha1/DHCPv4ServerLeaseSync/v4 spec.when: expected a when gate such as when: {state: {"VirtualAddress/<name>.role": {equals: master}}}, found none: with delivery replace the backup node pushes its stale leases too and overwrites the master\'s file',
      ],
    });
  });

  it('sync gates › a gated sync is neither, whatever its delivery', () => {
    expect(load(BASE + sync(`, ${GATE}`))).toEqual({ valid: true, diagnostics: [] });
    expect(load(BASE + sync(`, ${GATE}, delivery: replace`))).toEqual({ valid: true, diagnostics: [] });
  });

  it('sync gates › a delivery that is neither merge nor replace is refused, naming both', () => {
    const { valid, diagnostics } = load(BASE + sync(`, ${GATE}, delivery: overwrite`));
    expect(valid).toBe(false);
    expect(diagnostics.join('\n')).toMatch(/spec\.delivery: .*"merge".*"replace".*overwrite/);
  });
});
