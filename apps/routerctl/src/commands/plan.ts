import { planSyncs } from '@routerd/model';
import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_INVALID, EXIT_OK } from '../errors.js';
import { formatPlan, PLAN_FORMATS } from '../output/plan-format.js';
import type { Command } from './command.js';
import { dirsFromEnv, INPUT_HELP, INPUT_OPTIONS, loadValid, planning } from './common.js';

const OPTIONS = { ...INPUT_OPTIONS, output: { type: 'string', short: 'o' } } as const;

const HELP = `Usage: routerctl plan -f FILE|- [--replace] [--config PATH] [-o table|json|yaml]

Shows what the agents would do with a configuration: for each lease sync its source, the derived
file path, the delivery (merge or replace), the gate, the interval, and for each target the exact
commands: the push, the handback sent once on demotion (delivery merge), and the pull the promoter
runs before it serves. Refuses an invalid configuration (exit 1). Paths follow $ROUTERD_STATE_DIR
and $ROUTERD_RUNTIME_DIR.

Options:
${INPUT_HELP}  -o, --output FORMAT one of table (default), json or yaml
`;

export const planCommand: Command = {
  name: 'plan',
  summary: 'show each lease sync, its paths, delivery, gate and exact commands',
  help: HELP,
  async run(args, io) {
    const { values } = parseCommandArgs('plan', args, OPTIONS, false);
    if (values.help === true) {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    const format = oneOf('plan', '-o', values.output ?? 'table', PLAN_FORMATS);
    const dirs = dirsFromEnv(io);
    const loaded = await loadValid('plan', io, values);
    if (loaded === undefined) return EXIT_INVALID;
    const jobs = planning(() => planSyncs(loaded.config, { dirs }));
    io.stdout.write(formatPlan(jobs, format));
    return EXIT_OK;
  },
};
