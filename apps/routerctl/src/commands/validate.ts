import { oneOf, parseCommandArgs } from '../args.js';
import { EXIT_INVALID, EXIT_OK } from '../errors.js';
import { summaryLine, validationReport, writeDiagnostics } from '../output/diagnostics.js';
import type { Command } from './command.js';
import { INPUT_HELP, INPUT_OPTIONS, loadFromFlags } from './common.js';

const OPTIONS = { ...INPUT_OPTIONS, output: { type: 'string', short: 'o' } } as const;
const FORMATS = ['text', 'json'] as const;

const HELP = `Usage: routerctl validate -f FILE|- [--replace] [--config PATH] [-o text|json]

Checks a configuration and names every problem with file, line and column.
Exit status: 0 valid (warnings go to stderr), 1 invalid, 2 usage error or unreadable file.

Options:
${INPUT_HELP}  -o, --output FORMAT one of text (diagnostics on stderr, summary on stdout) or json
`;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a configuration, naming every problem',
  help: HELP,
  async run(args, io) {
    const { values } = parseCommandArgs('validate', args, OPTIONS, false);
    if (values.help === true) {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    const format = oneOf('validate', '-o', values.output ?? 'text', FORMATS);
    const { result } = await loadFromFlags('validate', io, values);
    const report = validationReport(result);
    if (format === 'json') {
      io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      writeDiagnostics(io.stderr, result.diagnostics);
      io.stdout.write(`${summaryLine(result)}\n`);
    }
    return report.valid ? EXIT_OK : EXIT_INVALID;
  },
};
