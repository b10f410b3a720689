// The lab CLI's arguments: up [--no-sync] | down | status | scenario N [--json] | demo | nemesis ... | peers ...
import { UsageError } from '@routerd/model';
import { parseNemesisArgs, type NemesisCommand } from './nemesis/args.js';
import { parsePeersArgs, type PeersCommand } from './peers/args.js';
export type Command =
  | { type: 'up'; sync: boolean }
  | { type: 'down' }
  | { type: 'status' }
  | { type: 'scenario'; id: ScenarioId; json: boolean }
  | { type: 'demo' }
  | NemesisCommand
  | PeersCommand;

export const SCENARIO_IDS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export const USAGE =
  'usage: node tools/lab/dist/cli.js up [--no-sync] | down | status | scenario 1..7 [--json] | demo | nemesis --seed N --cycles K [--delivery merge|replace | --no-sync] | peers [--quick] [--cycles K] [--only ours|ours-nosync|kea|kea-solo] [--json]';

function isScenario(value: string | undefined): value is ScenarioId {
  return (SCENARIO_IDS as readonly string[]).includes(value ?? '');
}

export function parseArgs(argv: readonly string[]): Command {
  const [verb, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('-')));
  const words = rest.filter((a) => !a.startsWith('-'));
  const allow = (allowed: string[], words_: number) => {
    const bad = [...flags].filter((f) => !allowed.includes(f));
    if (bad.length > 0) throw new UsageError(`lab ${verb}: unknown option ${bad.join(', ')}; ${USAGE}`);
    if (words.length !== words_) throw new UsageError(`lab ${verb}: expected ${words_} argument(s), found ${JSON.stringify(words)}; ${USAGE}`);
  };
  switch (verb) {
    case 'up':
      allow(['--no-sync'], 0);
      return { type: 'up', sync: !flags.has('--no-sync') };
    case 'down':
    case 'status':
    case 'demo':
      allow([], 0);
      return { type: verb };
    case 'scenario': {
      allow(['--json'], 1);
      const id = words[0];
      if (!isScenario(id)) throw new UsageError(`lab scenario: expected a scenario number 1 to 7, found ${JSON.stringify(id)}`);
      return { type: 'scenario', id, json: flags.has('--json') };
    }
    case 'nemesis':
      return parseNemesisArgs(rest);
    case 'peers':
      return parsePeersArgs(rest);
    default:
      throw new UsageError(`lab: expected a command, found ${JSON.stringify(verb ?? '')}; ${USAGE}`);
  }
}
