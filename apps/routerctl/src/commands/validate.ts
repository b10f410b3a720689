import { parseCommandArgs } from '../args.js';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { summaryLine, validationReport, writeDiagnostics } from '../output/diagnostics.js';
import { DATA_FORMATS, formatData, OUTPUT_OPTION, outputFormat, outputHelp } from '../output/formats.js';
import type { Command } from './command.js';
import { INPUT_HELP, INPUT_OPTIONS, loadFromFlags } from './common.js';

const OPTIONS = { ...INPUT_OPTIONS, ...OUTPUT_OPTION } as const;

const HELP = `Usage: routerctl validate -f FILE|- [--replace] [--config PATH] [-o table|json|yaml]

Checks a configuration and names every problem with file, line and column.
-o table writes each problem to stderr and a summary line to stdout; -o json and -o yaml write the
whole report (valid, counts, every diagnostic) to stdout.
Exit status: 0 valid (warnings go to stderr), 1 invalid, 2 usage error or unreadable file.

Options:
${INPUT_HELP}${outputHelp(DATA_FORMATS, 22)}`;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'check a configuration, naming every problem',
  help: HELP,
  options: OPTIONS,
  complete: { values: { output: DATA_FORMATS } },
  async run(args, io) {
    const { values } = parseCommandArgs('validate', args, OPTIONS, false);
    if (values.help === true) {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    const format = outputFormat('validate', values.output, DATA_FORMATS);
    const { result } = await loadFromFlags('validate', io, values);
    const report = validationReport(result);
    if (format !== 'table') {
      io.stdout.write(formatData(report, format));
    } else {
      writeDiagnostics(io.stderr, result.diagnostics);
      io.stdout.write(`${summaryLine(result)}\n`);
    }
    return report.valid ? EXIT_OK : EXIT_INVALID;
  },
};
