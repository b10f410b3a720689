// Defaults shared by the agents and the product's short-lived commands; no imports, so both load it cheaply.

export const DEFAULT_CONFIG_FILE = '/usr/local/etc/routerd/router.yaml';

/** Where `routerctl render nats --creds-dir` puts the credentials in the documented install. */
export const DEFAULT_NATS_CREDS_DIR = '/usr/local/etc/routerd/nats';
