// `routerctl version` (and `routerctl --version`): the product's version.
import { parseCommandArgs } from '../args.js';
import { EXIT_OK } from '../exit-codes.js';
import { DATA_FORMATS, formatData, OUTPUT_OPTION, outputFormat, outputHelp } from '../output/formats.js';
import { VERSION } from '../version.js';
import type { Command } from './command.js';

const OPTIONS = { ...OUTPUT_OPTION, help: { type: 'boolean', short: 'h' } } as const;

const HELP = `Usage: routerctl version [-o table|json|yaml]
       routerctl --version

Prints routerctl's version: the version of the whole routerd-lease-sync product, the same one each
agent's NATS service reports (nats micro info).

Options:
${outputHelp(DATA_FORMATS, 22)}  -h, --help          show this help
`;

export const versionCommand: Command = {
  name: 'version',
  summary: "print routerctl's version (the agents report the same)",
  help: HELP,
  options: OPTIONS,
  complete: { values: { output: DATA_FORMATS } },
  run(args, io) {
    const { values } = parseCommandArgs('version', args, OPTIONS, false);
    if (values.help === true) {
      io.stdout.write(HELP);
      return Promise.resolve(EXIT_OK);
    }
    const format = outputFormat('version', values.output, DATA_FORMATS);
    io.stdout.write(format === 'table' ? `routerctl ${VERSION}\n` : formatData({ name: 'routerctl', version: VERSION }, format));
    return Promise.resolve(EXIT_OK);
  },
};
