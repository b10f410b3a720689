import { planSyncs } from '@routerd/model';
import { parseCommandArgs } from '../args.js';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { DATA_FORMATS, OUTPUT_OPTION, outputFormat, outputHelp } from '../output/formats.js';
import { formatPlan } from '../output/plan-format.js';
import type { Command } from './command.js';
import { dirsFromEnv, INPUT_HELP, INPUT_OPTIONS, loadValid, planning } from './common.js';

const OPTIONS = { ...INPUT_OPTIONS, ...OUTPUT_OPTION } as const;

const HELP = `Usage: routerctl plan -f FILE|- [--replace] [--config PATH] [-o table|json|yaml]

Shows what the agents would do with a configuration: for each lease sync its source, the derived
file path, the delivery (merge or replace), the gate, the interval, and for each target the exact
commands: the push, the handback sent once on demotion (delivery merge), and the pull the promoter
runs before it serves. Refuses an invalid configuration (exit 1). Paths follow $ROUTERD_STATE_DIR
and $ROUTERD_RUNTIME_DIR.

Options:
${INPUT_HELP}${outputHelp(DATA_FORMATS, 22)}`;

export const planCommand: Command = {
  name: 'plan',
  summary: 'show each lease sync, its paths, delivery, gate and exact commands',
  help: HELP,
  options: OPTIONS,
  complete: { values: { output: DATA_FORMATS } },
  async run(args, io) {
    const { values } = parseCommandArgs('plan', args, OPTIONS, false);
    if (values.help === true) {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    const format = outputFormat('plan', values.output, DATA_FORMATS);
    const dirs = dirsFromEnv(io);
    const loaded = await loadValid('plan', io, values);
    if (loaded === undefined) return EXIT_INVALID;
    const jobs = planning(() => planSyncs(loaded.config, { dirs }));
    io.stdout.write(formatPlan(jobs, format));
    return EXIT_OK;
  },
};
