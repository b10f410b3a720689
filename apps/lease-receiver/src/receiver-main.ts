// The production wiring: the configuration loader, `ip` for the VIPs, the promotions' checks and the
// real rsync, whose stdin and stdout are this process's (sshd's channel to the peer's rsync).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { constants } from 'node:os';
import { DEFAULT_IP_COMMAND, readAddresses } from '@routerd/agent/command';
import { formatReceiverReport } from '@routerd/leases';
import { errorMessage, loadConfig, requireConfig, type RouterConfig } from '@routerd/model';
import { parseReceiverArgs, RECEIVER_NAME, USAGE } from './options.js';
import { pullSource } from './pull-snapshot.js';
import { receive, type ReceiverDeps, type RsyncExit } from './receive.js';
import { runCheck } from './run-check.js';

export interface ReceiverIO {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  hostname: string;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

/** No shell: rsync gets its argv as it is, and this process's three streams. */
function runRsync(argv: readonly string[]): Promise<RsyncExit> {
  const [file = 'rsync', ...args] = argv;
  return new Promise((resolve) => {
    const child = spawn(file, args, { stdio: 'inherit' });
    child.once('error', (error) => resolve({ error: error.message }));
    // Killed by a signal: the shell's convention, 128 + its number.
    child.once('exit', (code, signal) => resolve({ code: code ?? 128 + (signal === null ? 0 : (constants.signals[signal] ?? 0)) }));
  });
}

/** The configuration as the agents load it; throws naming the file (a ConfigError lists every problem). */
async function loadConfigFile(file: string): Promise<RouterConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read configuration file ${JSON.stringify(file)}: ${errorMessage(error)}`, { cause: error });
  }
  return requireConfig(loadConfig([{ file, text }]));
}

export function productionDeps(stderr: ReceiverIO['stderr']): ReceiverDeps {
  return {
    loadConfig: loadConfigFile,
    readAddresses: () => readAddresses(DEFAULT_IP_COMMAND),
    runCheck,
    runRsync,
    pullSource,
    now: () => Date.now(),
    stderr,
  };
}

/** Resolves with the exit code. A usage problem is reported like any refusal: the peer's rsync shows it. */
export async function receiverMain(io: ReceiverIO, deps: ReceiverDeps = productionDeps(io.stderr)): Promise<number> {
  const args = parseReceiverArgs(io.argv, io.env, io.hostname);
  if (args.type === 'help') {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.type === 'usage') {
    io.stderr.write(formatReceiverReport({ type: 'refused', reason: 'Failed', text: `${RECEIVER_NAME} is installed with a bad command line: ${args.problem}` }));
    return 1;
  }
  return receive({ configFile: args.configFile, dirs: args.dirs, node: args.node, command: io.env['SSH_ORIGINAL_COMMAND'] }, deps);
}
