import { describe, expect, it } from 'vitest';
import { agentBins, launcherScript } from './launcher.js';

describe('launcher', () => {
  it('launcher › execs the system node on the bundle with the given options and passes every argument', () => {
    expect(launcherScript('routerd-syncer', ['--max-semi-space-size=1'])).toBe(
      '#!/bin/sh\n# routerd-syncer: the bundled command of the routerd-lease-sync package.\nexec /usr/bin/node --max-semi-space-size=1 /usr/lib/routerd-lease-sync/routerd-syncer.mjs "$@"\n',
    );
    expect(launcherScript('routerctl', [])).toMatch(/\nexec \/usr\/bin\/node \/usr\/lib\/routerd-lease-sync\/routerctl\.mjs "\$@"\n$/);
  });

  it('launcher › the agents are the bins with a unit of their own name', () => {
    const units = ['routerd-nats.service', 'routerd-syncer.service', 'routerd-lease-sync.target', 'routerd-metrics-exporter.service'];
    expect(agentBins(['routerctl', 'routerd-syncer', 'routerd-lease-receiver', 'routerd-metrics-exporter'], units)).toEqual(new Set(['routerd-syncer', 'routerd-metrics-exporter']));
  });
});
