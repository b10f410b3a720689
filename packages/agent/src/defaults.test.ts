import { describe, expect, it } from 'vitest';

import { AGENT_NODE_OPTIONS, agentNodeArgs, LITE_MODE_AGENTS } from './defaults.js';

describe('agentNodeArgs', () => {
  it('defaults › every agent gets the NODE_OPTIONS-safe options first, then the V8 flags; lite mode only where listed', () => {
    expect(agentNodeArgs('routerd-syncer')).toEqual([...AGENT_NODE_OPTIONS, '--single-threaded']);
    expect(agentNodeArgs('routerd-lease-watcher')).toEqual(agentNodeArgs('routerd-syncer'));
    expect(agentNodeArgs('routerd-dhcp-promoter')).toEqual(agentNodeArgs('routerd-syncer'));
    expect(LITE_MODE_AGENTS).toEqual(['routerd-vip-watcher']);
    expect(agentNodeArgs('routerd-vip-watcher')).toEqual([...AGENT_NODE_OPTIONS, '--single-threaded', '--lite-mode', '--no-expose-wasm']);
  });

  it('defaults › what the lab may put in NODE_OPTIONS holds no flag Node refuses there', () => {
    expect(AGENT_NODE_OPTIONS.filter((flag) => /^--(single-threaded|lite-mode|no-expose-wasm)$/.test(flag))).toEqual([]);
  });
});
