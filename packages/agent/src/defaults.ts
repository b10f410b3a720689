// Defaults shared by the agents and the product's short-lived commands; no imports, so both load it cheaply.

export const DEFAULT_CONFIG_FILE = '/usr/local/etc/routerd/router.yaml';

/** Where `routerctl render nats --creds-dir` puts the credentials in the documented install. */
export const DEFAULT_NATS_CREDS_DIR = '/usr/local/etc/routerd/nats';

/**
 * The Node options the agents run with (the package's launchers, the lab, the bench): a 1 MB young
 * generation cut the lease-watcher's idle RSS from 85 to 71 MB at no measurable CPU cost
 * (docs/benchmarks.md). routerctl and the lease receiver run briefly, with Node's defaults.
 */
export const AGENT_NODE_OPTIONS: readonly string[] = ['--max-semi-space-size=1'];
