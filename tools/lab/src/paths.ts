// Where the repository is, seen from tools/lab/dist or tools/lab/src.
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
export const PROMOTER_MAIN = `${REPO_ROOT}/apps/dhcp-promoter/dist/main.js`;
export const ROUTERCTL_MAIN = `${REPO_ROOT}/apps/routerctl/dist/main.js`;
/** The standby's forced command of the sync key (issue 10), when it is built. */
export const RECEIVER_MAIN = `${REPO_ROOT}/apps/lease-receiver/dist/main.js`;
export const LAB_CLI = `${REPO_ROOT}/tools/lab/dist/cli.js`;
