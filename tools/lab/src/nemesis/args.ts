// `nemesis --seed N --cycles K [--delivery merge|replace | --no-sync | --kea]`: each input checked, each error naming it.
import { UsageError } from '@routerd/model';
import type { Delivery } from '../configs.js';

export interface NemesisCommand {
  type: 'nemesis';
  seed: number;
  cycles: number;
  /** Written on every lease sync when given; absent leaves the schema's default (merge). */
  delivery: Delivery | undefined;
  sync: boolean;
  /** The same schedule against Kea HA instead of routerd (tools/lab/src/peers/kea-nemesis.ts). */
  kea: boolean;
}

export const NEMESIS_USAGE = 'usage: node tools/lab/dist/cli.js nemesis --seed N --cycles K [--delivery merge|replace | --no-sync | --kea]';
export const MAX_CYCLES = 1000;
const MAX_SEED = 2 ** 32 - 1;
const VALUED = new Set(['--seed', '--cycles', '--delivery']);

function fail(text: string): never {
  throw new UsageError(`lab nemesis: ${text}; ${NEMESIS_USAGE}`);
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) fail(`expected ${flag} to be a whole number from ${min} to ${max}, found ${JSON.stringify(text)}`);
  return Number(text);
}

export function parseNemesisArgs(argv: readonly string[]): NemesisCommand {
  const values = new Map<string, string>();
  let noSync = false;
  let kea = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (flag === '--no-sync' || flag === '--kea') {
      if (eq > 0) fail(`expected ${flag} without a value, found ${JSON.stringify(arg)}`);
      if (flag === '--kea') kea = true;
      else noSync = true;
      continue;
    }
    if (!VALUED.has(flag)) fail(arg.startsWith('-') ? `unknown option ${flag}` : `expected options only, found the word ${JSON.stringify(arg)}`);
    if (values.has(flag)) fail(`expected ${flag} once, found it twice`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) fail(`expected a value after ${flag}, found ${value === undefined ? 'none' : JSON.stringify(value)}`);
    values.set(flag, value);
  }
  const seed = values.get('--seed');
  const cycles = values.get('--cycles');
  if (seed === undefined) fail('expected --seed N, found none');
  if (cycles === undefined) fail('expected --cycles K, found none');
  const delivery = values.get('--delivery');
  if (delivery !== undefined && delivery !== 'merge' && delivery !== 'replace') fail(`expected --delivery to be merge or replace, found ${JSON.stringify(delivery)}`);
  if (delivery !== undefined && noSync) fail('expected --delivery or --no-sync, found both (a run without the sync delivers nothing)');
  if (kea && (delivery !== undefined || noSync)) fail('expected --kea alone (Kea HA has no lease sync of ours to set or drop), found it with --delivery or --no-sync');
  return { type: 'nemesis', seed: wholeNumber('--seed', seed, 0, MAX_SEED), cycles: wholeNumber('--cycles', cycles, 1, MAX_CYCLES), delivery, sync: !noSync, kea };
}
