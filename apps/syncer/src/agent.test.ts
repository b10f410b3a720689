import type { SyncJob } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { AGENT_NAME, syncerAgent } from './agent.js';
import { PlannedArgvError } from './errors.js';
import { SyncController } from './sync-controller.js';

describe('syncer agent', () => {
  it('syncer › the agent is named as its unit and bin', () => {
    expect(AGENT_NAME).toBe('routerd-syncer');
    expect(typeof syncerAgent()).toBe('function');
  });

  it('syncer › a planned argv that does not end with the source path is refused by name', () => {
    const job = {
      id: 'DHCPv4ServerLeaseSync/lan',
      source: { path: '/var/lib/routerd/dnsmasq/dnsmasq.leases' },
      targets: [{ name: 'standby', argv: ['rsync', '-a', '/elsewhere', 'standby:/x'] }],
    } as unknown as SyncJob;
    const build = () => new SyncController({ job } as unknown as ConstructorParameters<typeof SyncController>[0]);
    expect(build).toThrow(PlannedArgvError);
    expect(build).toThrow('expected the planned argv of DHCPv4ServerLeaseSync/lan target standby to end with the source path and destination, found rsync -a /elsewhere standby:/x');
  });
});

