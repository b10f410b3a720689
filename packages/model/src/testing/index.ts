// @routerd/model/testing: configurations for tests, from typed resources to YAML text and back to a
// validated RouterConfig. For tests, the lab and the bench; no agent imports it.
export { configYaml, loadTestConfig, resourceYaml } from './config-yaml.js';
export type { ConfigYamlOptions, TestResource } from './config-yaml.js';
export { LAN_V4_POOL, lanResources, masterGate, resource } from './resources.js';
export type { LanOptions, SpecInput } from './resources.js';
export { haLanResources } from './ha-lan.js';
export type { HaLanOptions, StandbyTarget } from './ha-lan.js';
