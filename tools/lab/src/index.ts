// @routerd/lab: the HA lab. Its CLI (routerd-lab) is its interface; this entry names where the CLI is
// and what a scenario prints with --json, for test/e2e.
export { LAB_CLI, REPO_ROOT } from './paths.js';
export type { ScenarioResult } from './scenarios/result.js';
