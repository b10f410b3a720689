// Defaults shared by the agents and the product's short-lived commands; no imports, so both load it cheaply.

export const DEFAULT_CONFIG_FILE = '/usr/local/etc/routerd/router.yaml';

/** Where `routerctl render nats --creds-dir` puts the credentials in the documented install. */
export const DEFAULT_NATS_CREDS_DIR = '/usr/local/etc/routerd/nats';

/**
 * The Node options every agent runs with that Node also takes in NODE_OPTIONS (the lab sets them there):
 * a 1 MB young generation cut the lease-watcher's idle RSS from 85 to 71 MB at no measurable CPU cost
 * (docs/benchmarks.md). routerctl and the lease receiver run briefly, with Node's defaults.
 */
export const AGENT_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=1'];

/**
 * V8 flags Node refuses in NODE_OPTIONS, so only node's argv carries them (the package's launchers,
 * the bench). --single-threaded: no V8 helper threads; garbage collection and compilation run on the
 * main thread, which at idle lowered the four agents' summed PSS from 103.5 to 83.4 MB and did not
 * slow a stable read of 3,000 leases (docs/benchmarks.md, "Footprint levers").
 */
const AGENT_V8_FLAGS: readonly string[] = ['--single-threaded'];

/**
 * The agents that also run with --lite-mode: no optimizing compiler, less code and feedback kept. It
 * slows JavaScript 3-4 times (a stable read of 3,000 leases 14 to 47 ms, a 3,000-lease merge 54 to
 * 203 ms), so not the lease-watcher, the syncer (the lag path) nor the promoter (the failover path);
 * the vip-watcher's parse of `ip -j addr` goes from 0.05 to 0.12 ms. Lite mode disables WebAssembly;
 * --no-expose-wasm says so, which silences V8's warning about it at every start.
 */
export const LITE_MODE_AGENTS: readonly string[] = ['routerd-vip-watcher'];

/** node's options for an agent's command (routerd-syncer ...), in order, as its launcher passes them. */
export function agentNodeArgs(bin: string): readonly string[] {
  const lite = LITE_MODE_AGENTS.includes(bin) ? ['--lite-mode', '--no-expose-wasm'] : [];
  return [...AGENT_NODE_OPTIONS, ...AGENT_V8_FLAGS, ...lite];
}
