// The receiver's command line, as the authorized_keys line gives it: `--config FILE`, and where the
// state dir or the node name differ from the agents' defaults. sshd passes no environment to a forced
// command, so what the agents read from ROUTERD_* can also be given here as flags.
import { parseArgs } from 'node:util';
import { DEFAULT_CONFIG_FILE } from '@routerd/agent/command';
import { errorMessage, runtimeDirs, type RuntimeDirs } from '@routerd/model';

export const RECEIVER_NAME = 'routerd-lease-receiver';

export const USAGE = `usage: ${RECEIVER_NAME} [--config FILE] [--state-dir DIR] [--node NAME]

The forced command of the peer's sync key (authorized_keys: routerctl render authorized-keys).
Runs the rsync server for the push, handback or pull in SSH_ORIGINAL_COMMAND, for the lease files
of the configuration only, and reports on stderr in one line.

  --config FILE     configuration file (env ROUTERD_CONFIG, default ${DEFAULT_CONFIG_FILE})
  --state-dir DIR   state directory the lease paths derive from (env ROUTERD_STATE_DIR, default /var/lib/routerd)
  --node NAME       this node's name in the reports (env ROUTERD_NODE, default the short host name)
  --help            print this help
`;

export type ReceiverArgs = { type: 'help' } | { type: 'run'; configFile: string; dirs: RuntimeDirs; node: string } | { type: 'usage'; problem: string };

const present = (value: string | undefined): string | undefined => (value === undefined || value === '' ? undefined : value);

export function parseReceiverArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, hostname: string): ReceiverArgs {
  let values: { config?: string | undefined; 'state-dir'?: string | undefined; node?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { config: { type: 'string' }, 'state-dir': { type: 'string' }, node: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { type: 'usage', problem: errorMessage(error) };
  }
  if (values.help === true) return { type: 'help' };
  const configFile = present(values.config) ?? present(env['ROUTERD_CONFIG']) ?? DEFAULT_CONFIG_FILE;
  if (!configFile.startsWith('/')) return { type: 'usage', problem: `--config: expected an absolute path, found ${JSON.stringify(configFile)}` };
  let dirs: RuntimeDirs;
  try {
    dirs = runtimeDirs({ ...env, ...(values['state-dir'] === undefined ? {} : { ROUTERD_STATE_DIR: values['state-dir'] }) });
  } catch (error) {
    return { type: 'usage', problem: errorMessage(error).replace('ROUTERD_STATE_DIR', values['state-dir'] === undefined ? 'ROUTERD_STATE_DIR' : '--state-dir') };
  }
  const node = present(values.node) ?? present(env['ROUTERD_NODE']) ?? hostname.split('.')[0] ?? hostname;
  return { type: 'run', configFile, dirs, node };
}
