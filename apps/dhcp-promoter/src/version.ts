/** The service version `nats micro info` shows (semver). */
export const VERSION = '0.1.0';
