// The completion scripts run in the real shells: bash completes commands, kinds, flags and formats;
// zsh parses the script and hands _arguments each command's flags.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMANDS, runCli } from '../cli.js';
import { memoryIo } from '../testing/memory-io.js';

const dir = mkdtempSync(join(tmpdir(), 'routerctl-completion-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function script(shell: string): Promise<string> {
  const io = memoryIo();
  expect(await runCli(['completion', shell], io)).toBe(0);
  const file = join(dir, `routerctl.${shell}`);
  writeFileSync(file, io.out());
  return file;
}

/** What bash's completion function offers for a command line (a trailing space starts a new word). */
function bashComplete(file: string, line: string): string[] {
  const program = `source "$1"; read -ra COMP_WORDS <<< "$2"; [[ "$2" == *" " ]] && COMP_WORDS+=(""); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _routerctl; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', program, 'bash', file, line], { encoding: 'utf8', cwd: dir }).split('\n').filter((w) => w !== '');
}

const hasZsh = spawnSync('zsh', ['--version']).status === 0;

describe('routerctl › completion', () => {
  it('completion › bash sources the script and registers routerctl', async () => {
    const file = await script('bash');
    expect(execFileSync('bash', ['-c', 'source "$1" && complete -p routerctl', 'bash', file], { encoding: 'utf8' })).toBe('complete -F _routerctl routerctl\n');
  });

  it('completion › bash completes commands, kinds and their aliases, formats, flags and fixed values', async () => {
    const file = await script('bash');
    expect(bashComplete(file, 'routerctl ')).toEqual([...COMMANDS.map((c) => c.name), 'help', '-h', '--help', '--version']);
    expect(bashComplete(file, 'routerctl ch')).toEqual(['check']);
    expect(bashComplete(file, 'routerctl get ')).toEqual(['vips', 'leasesyncs', 'v4leasesyncs', 'v6leasesyncs', 'pdleasesyncs', 'promotions']);
    expect(bashComplete(file, 'routerctl get -o ')).toEqual(['table', 'wide', 'json', 'yaml']);
    expect(bashComplete(file, 'routerctl validate --output ')).toEqual(['table', 'json', 'yaml']);
    expect(bashComplete(file, 'routerctl get --w')).toEqual(['--watch']);
    expect(bashComplete(file, 'routerctl describe le')).toEqual(['leasesync/']);
    expect(bashComplete(file, 'routerctl render ')).toEqual(['dnsmasq', 'keepalived', 'authorized-keys', 'nats']);
    expect(bashComplete(file, 'routerctl check --skip ')).toEqual(['vip-watcher', 'syncer', 'dhcp-promoter']);
    expect(bashComplete(file, 'routerctl completion ')).toEqual(['bash', 'zsh']);
    expect(bashComplete(file, 'routerctl help ev')).toEqual(['events']);
    expect(bashComplete(file, 'routerctl validate -f routerctl.b')).toEqual(['routerctl.bash']);
    for (const command of COMMANDS) {
      const flags = Object.entries(command.options).flatMap(([long, spec]) => (spec.short === undefined ? [`--${long}`] : [`-${spec.short}`, `--${long}`]));
      expect(bashComplete(file, `routerctl ${command.name} -`).sort()).toEqual(flags.sort());
    }
  });

  it.skipIf(!hasZsh)('completion › zsh parses the script, registers _routerctl and hands _arguments each command\'s flags (needs zsh: tools/setup.sh)', async () => {
    const file = await script('zsh');
    expect(spawnSync('zsh', ['-n', file]).status).toBe(0);
    const registered = execFileSync('zsh', ['-fc', 'autoload -U compinit && compinit -u -D; source "$1" && print -r -- $_comps[routerctl]', 'zsh', file], { encoding: 'utf8', cwd: dir });
    expect(registered).toBe('_routerctl\n');
    // Outside the completion system: the helpers it calls print what they were handed.
    const stubs = 'compdef() { :; }; _arguments() { print -rl -- "$@"; }; _describe() { print -r -- describe; }; compadd() { print -r -- "compadd $*"; }';
    const complete = (...words: string[]) =>
      execFileSync('zsh', ['-fc', `${stubs}; source "$1"; shift; words=("$@"); CURRENT=$#; _routerctl`, 'zsh', file, ...words], { encoding: 'utf8' }).split('\n');
    expect(complete('routerctl', '')).toEqual(['describe', 'compadd -- --help --version', '']);
    const get = complete('routerctl', 'get', '');
    expect(get).toContain('(-o --output)-o+:value:(table wide json yaml)');
    expect(get).toContain('(-w --watch)--watch');
    expect(get).toContain('1:argument:(vips leasesyncs v4leasesyncs v6leasesyncs pdleasesyncs promotions)');
    expect(complete('routerctl', 'render', '--peer', 'x', '')).toContain('*--peer=:value:_files');
    expect(complete('routerctl', 'check', '')).toContain('*--skip=:value:(vip-watcher syncer dhcp-promoter)');
  });
});
