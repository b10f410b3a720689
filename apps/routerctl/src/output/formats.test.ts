import { UsageError } from '@routerd/model';
import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from '../cli.js';
import { memoryIo } from '../testing/memory-io.js';
import { DATA_FORMATS, OUTPUT_FORMATS, outputFormat } from './formats.js';

describe('routerctl › output formats', () => {
  it('formats › -o is checked against what the command accepts, naming the flag, the set and the value', () => {
    expect(outputFormat('get', undefined, OUTPUT_FORMATS)).toBe('table');
    expect(outputFormat('get', 'wide', OUTPUT_FORMATS)).toBe('wide');
    expect(() => outputFormat('plan', 'xml', DATA_FORMATS)).toThrow(new UsageError('expected -o/--output to be one of table, json, yaml, found "xml"', { command: 'plan' }));
    expect(() => outputFormat('plan', 'wide', DATA_FORMATS)).toThrow('expected -o/--output to be one of table, json, yaml, found "wide", which plan does not support');
  });

  it('formats › every command that prints data takes -o from the one vocabulary: table, json and yaml at least, wide where it has columns to add', async () => {
    const withOutput = COMMANDS.filter((c) => 'output' in c.options);
    expect(withOutput.map((c) => c.name)).toEqual(['validate', 'plan', 'describe', 'get', 'events', 'check', 'version']);
    for (const command of withOutput) {
      const io = memoryIo({ files: { '/work/a.yaml': '[]\n' }, env: { ROUTERD_CONFIG: '/none.yaml' } });
      // A refused value makes the command list what it accepts; the list must be what completion offers.
      const args = command.name === 'validate' || command.name === 'plan' ? ['-f', 'a.yaml'] : command.name === 'describe' ? ['vip/x'] : command.name === 'get' ? ['vips'] : [];
      expect(await runCli([command.name, ...args, '-o', 'xml'], io)).toBe(2);
      const accepted = /one of ([a-z, ]+), found "xml"/.exec(io.err())?.[1]?.split(', ');
      expect(accepted, `${command.name}: ${io.err()}`).toEqual(command.complete?.values?.output);
      expect(accepted?.every((f) => (OUTPUT_FORMATS as readonly string[]).includes(f))).toBe(true);
      expect(accepted).toEqual(expect.arrayContaining(['table', 'json', 'yaml']));
      expect(command.help).toContain(`-o, --output FORMAT`);
    }
  });

  it('formats › validate prints its report as yaml too (it refused yaml)', async () => {
    const io = memoryIo({ files: { '/work/a.yaml': '[]\n' }, env: { ROUTERD_CONFIG: '/none.yaml' } });
    expect(await runCli(['validate', '-f', 'a.yaml', '-o', 'yaml'], io)).toBe(0);
    expect(io.out()).toMatch(/^valid: true\n/m);
  });
});
