// Every command's help covers every flag it takes: the .deb ships no man pages, --help is the manual.
import { describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from './cli.js';
import { memoryIo } from './testing/memory-io.js';

async function run(argv: string[]) {
  const io = memoryIo();
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('routerctl › help', () => {
  it('help › the top-level help names every command', async () => {
    const { out } = await run(['--help']);
    for (const command of COMMANDS) expect(out).toMatch(new RegExp(`^  ${command.name} +\\S`, 'm'));
    expect(out).toMatch(/^ {2}help +\S/m);
    expect((await run(['help'])).out).toBe(out);
    expect((await run(['help', 'help'])).out).toBe(out);
    expect((await run(['help', 'get', 'vips'])).err).toContain('routerctl: expected one COMMAND after help, found 2: get vips');
  });

  it.each(COMMANDS.map((c) => [c.name, c] as const))('help › %s: --help, -h and "help %s" print the same usage, naming each of its flags', async (name, command) => {
    const long = await run([name, '--help']);
    expect(long).toEqual({ code: 0, out: command.help, err: '' });
    expect((await run([name, '-h'])).out).toBe(command.help);
    expect((await run(['help', name])).out).toBe(command.help);
    expect(command.help).toMatch(new RegExp(`^Usage: routerctl ${name}\\b`));
    for (const [flag, spec] of Object.entries(command.options)) {
      expect(command.help, `--${flag} in routerctl ${name} --help`).toMatch(new RegExp(`(^|[\\s\\[(|])--${flag}\\b`, 'm'));
      if (spec.short !== undefined) expect(command.help, `-${spec.short} in routerctl ${name} --help`).toMatch(new RegExp(`(^|[\\s\\[(|])-${spec.short}[,\\s]`, 'm'));
    }
  });

  it('help › every flag is described on a line of its own in the Options section', () => {
    for (const command of COMMANDS) {
      const options = command.help.slice(command.help.indexOf('\nOptions:\n'));
      for (const flag of Object.keys(command.options)) expect(options, `routerctl ${command.name}: --${flag}`).toMatch(new RegExp(`^ +(-\\w, )?--${flag}\\b`, 'm'));
    }
  });
});
