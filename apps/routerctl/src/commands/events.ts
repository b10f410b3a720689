// `routerctl events`: every event the agents of a node (or of all nodes) publish, one line each.
import { UsageError } from '@routerd/model';
import { busEventSchema, checkMeaning, decode, parseSubject, SERVICE_AREAS, SUBJECT_ROOT, SubjectError } from '@routerd/bus';
import { stringify } from 'yaml';
import { parseCommandArgs } from '../args.js';
import { EXIT_OK } from '../exit-codes.js';
import type { Io } from '../io.js';
import { withConnection } from '../live/connection.js';
import { defaultLiveDeps } from '../live/default-deps.js';
import type { LiveDeps, LiveMsg } from '../live/deps.js';
import { NatsUnreachableError } from '../live/errors.js';
import { LIVE_OPTIONS, liveHelp, liveSettings } from '../live/options.js';
import { DATA_FORMATS } from '../output/formats.js';
import { formatBadLine, formatEventLine } from '../output/event-line.js';
import type { Command } from './command.js';

const OPTIONS = { ...LIVE_OPTIONS, 'all-nodes': { type: 'boolean' }, count: { type: 'string' } } as const;

const HELP = `Usage: routerctl events [--node NAME | --all-nodes] [--nats URL] [-o table|json|yaml] [--count N]

Prints each event the agents publish as it arrives, one line each: time, node, what (vip, lease,
sync, with kind/name) and its key facts (role; sha, lease counts and parse result; phase, reason,
lag and targets). Each message is checked against the bus contract, and its node, kind and name
against its subject; a bad one is printed as BAD and watching goes on. -o json prints each event as one JSON line. Runs until interrupted.

Options:
${liveHelp(DATA_FORMATS)}      --all-nodes         watch every node (routerd.*.>) instead of one
      --count N           exit after N messages

Exit status: 0 after --count messages or on SIGINT/SIGTERM, 2 usage error, 3 NATS unreachable or the
connection lost (see "routerctl --help").
`;

const SERVICE_TYPES = new Set<string>(SERVICE_AREAS);

function countOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^[1-9]\d*$/.test(text)) return Number(text);
  throw new UsageError(`expected --count to be a positive whole number, found ${JSON.stringify(text)}`, { command: 'events' });
}

/** The line(s) for one message, or undefined for a request to an agent's endpoint (not an event). */
function render(msg: LiveMsg, format: (typeof DATA_FORMATS)[number], now: number): { out?: string; err?: string } | undefined {
  try {
    if (SERVICE_TYPES.has(parseSubject(msg.subject).type)) return undefined;
  } catch (error) {
    if (!(error instanceof SubjectError)) throw error;
    return { err: `${formatBadLine(msg.subject, error.message, now)}\n` };
  }
  const bad = (problem: Error) => {
    const line = `${formatBadLine(msg.subject, problem.message, now)}\n`;
    return format === 'table' ? { out: line } : { err: line };
  };
  const decoded = decode(busEventSchema, msg.data, msg.subject);
  if (!decoded.ok) return bad(decoded.error);
  // What every agent refuses whatever its configuration: a payload disagreeing with its subject, a heartbeat over the bound.
  const problem = checkMeaning(msg.subject, decoded.value);
  if (problem !== undefined) return bad(problem);
  if (format === 'json') return { out: `${JSON.stringify(decoded.value)}\n` };
  if (format === 'yaml') return { out: `---\n${stringify(decoded.value, { lineWidth: 0 })}` };
  return { out: `${formatEventLine(decoded.value)}\n` };
}

export function createEventsCommand(deps: LiveDeps): Command {
  async function watch(io: Io, values: Parameters<typeof liveSettings>[1] & { 'all-nodes'?: boolean | undefined; count?: string | undefined }): Promise<number> {
    const allNodes = values['all-nodes'] === true;
    if (allNodes && values.node !== undefined) throw new UsageError('expected --node or --all-nodes, found both', { command: 'events' });
    const count = countOf(values.count);
    const settings = liveSettings('events', values, io.env, deps.hostname, DATA_FORMATS);
    const subject = `${SUBJECT_ROOT}.${allNodes ? '*' : settings.node}.>`;
    return withConnection(deps, settings, async (nc) => {
      const sub = nc.subscribe(subject);
      const interrupt = deps.interrupt();
      let stopped = false;
      void interrupt.promise.then(() => {
        stopped = true;
        sub.unsubscribe();
      });
      try {
        await nc.flush();
        io.stderr.write(`watching ${subject} on ${settings.url}\n`);
        let seen = 0;
        for await (const msg of sub) {
          const lines = render(msg, settings.format, deps.now());
          if (lines === undefined) continue;
          if (lines.out !== undefined) io.stdout.write(lines.out);
          if (lines.err !== undefined) io.stderr.write(lines.err);
          seen += 1;
          if (count !== undefined && seen >= count) return EXIT_OK;
        }
        if (stopped) return EXIT_OK;
        throw new NatsUnreachableError(`lost the connection to NATS at ${settings.url} while watching ${subject}`);
      } finally {
        interrupt.dispose();
      }
    });
  }

  return {
    name: 'events',
    summary: 'watch the events the agents publish, one line each',
    help: HELP,
    options: OPTIONS,
    complete: { values: { output: DATA_FORMATS } },
    async run(args, io) {
      const { values } = parseCommandArgs('events', args, OPTIONS, false);
      if (values.help === true) {
        io.stdout.write(HELP);
        return EXIT_OK;
      }
      return watch(io, values);
    },
  };
}

export const eventsCommand = createEventsCommand(defaultLiveDeps);
