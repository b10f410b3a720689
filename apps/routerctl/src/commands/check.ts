// `routerctl check`: a health check of one node; exit 1 and one line per problem when anything is wrong.
import { UsageError } from '@routerd/model';
import { parseCommandArgs } from '../args.js';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { fetchPromotions, fetchRoles, fetchSyncs } from '../live/agents.js';
import { withConnection } from '../live/connection.js';
import { defaultLiveDeps } from '../live/default-deps.js';
import type { LiveDeps } from '../live/deps.js';
import { AgentReplyError, AgentUnavailableError } from '../live/errors.js';
import { promotionProblems, roleProblems, syncProblems, type Problem } from '../live/health.js';
import { LIVE_OPTIONS, liveHelp, liveSettings } from '../live/options.js';
import { DATA_FORMATS, formatData } from '../output/formats.js';
import type { Command } from './command.js';

const AGENTS = ['vip-watcher', 'syncer', 'dhcp-promoter'] as const;
type Agent = (typeof AGENTS)[number];

const OPTIONS = { ...LIVE_OPTIONS, skip: { type: 'string', multiple: true } } as const;

const HELP = `Usage: routerctl check [--skip AGENT]... [--node NAME] [--nats URL] [-o table|json|yaml] [--timeout 3s]

A health check of one node: asks routerd-vip-watcher, routerd-syncer and routerd-dhcp-promoter for
everything they hold and reports, one line each, every problem:
  - a lease sync in Error, and each of its targets in Error (split brain included);
  - a DHCPServerPromotion in Error, or stuck: master but not Serving, or backup but not Stopped,
    for more than 2 minutes (e.g. waiting for a reconciliation that never ends);
  - a VirtualAddress role or a DHCPServerPromotion status that is STALE (its agent missed more than
    3 heartbeats: the gates read it as unknown), or a role the vip-watcher reports as unknown;
  - an agent that does not answer (not running, or no permission on the bus).
Prints "ok: ..." with what it checked when there is none. -o json or yaml prints
{node, healthy, checked, problems: [{object, problem}]}.

Options:
${liveHelp(DATA_FORMATS)}      --skip AGENT      do not ask this agent (${AGENTS.join(', ')}), e.g.
                        dhcp-promoter on a node without DHCPServerPromotions; repeat for more

Exit status: 0 healthy, 1 at least one problem, 2 usage error, 3 NATS unreachable
(see "routerctl --help").
`;

function skipped(values: readonly string[] | undefined): Set<Agent> {
  const skip = new Set<Agent>();
  for (const value of values ?? []) {
    if (!(AGENTS as readonly string[]).includes(value)) throw new UsageError(`expected --skip to be one of ${AGENTS.join(', ')}, found ${JSON.stringify(value)}`, { command: 'check' });
    skip.add(value as Agent);
  }
  return skip;
}

/** What one agent answered (undefined when skipped); one that does not answer is a problem of its own, any other failure ends the check. */
async function asking<T>(agent: Agent, skip: ReadonlySet<Agent>, fetch: () => Promise<T[]>): Promise<{ items?: T[]; problem?: Problem }> {
  if (skip.has(agent)) return {};
  try {
    return { items: await fetch() };
  } catch (error) {
    if (!(error instanceof AgentUnavailableError || error instanceof AgentReplyError)) throw error;
    return { problem: { object: `routerd-${agent}`, problem: error.message } };
  }
}

export function createCheckCommand(deps: LiveDeps): Command {
  return {
    name: 'check',
    summary: 'health check: exit 1 and one line per sync, target or promotion in Error, stale role, or silent agent',
    help: HELP,
    options: OPTIONS,
    complete: { values: { output: DATA_FORMATS, skip: AGENTS } },
    async run(args, io) {
      const { values } = parseCommandArgs('check', args, OPTIONS, false);
      if (values.help === true) {
        io.stdout.write(HELP);
        return EXIT_OK;
      }
      const skip = skipped(values.skip);
      const settings = liveSettings('check', values, io.env, deps.hostname, DATA_FORMATS);
      const { node, timeoutMs, format } = settings;
      const report = await withConnection(deps, settings, async (nc) => {
        const query = { node, timeoutMs };
        const answers = await Promise.all([
          asking('vip-watcher', skip, () => fetchRoles(nc, query)),
          asking('syncer', skip, () => fetchSyncs(nc, query)),
          asking('dhcp-promoter', skip, () => fetchPromotions(nc, query)),
        ]);
        const [roles, syncs, promotions] = [answers[0].items, answers[1].items, answers[2].items];
        const now = deps.now();
        const problems = answers.flatMap((a) => (a.problem === undefined ? [] : [a.problem]));
        problems.push(...roleProblems(roles ?? [], now), ...syncProblems(syncs ?? []), ...promotionProblems(promotions ?? [], now));
        const checked = { virtualAddresses: roles?.length, leaseSyncs: syncs?.length, promotions: promotions?.length };
        return { node, healthy: problems.length === 0, checked, problems };
      });
      if (format !== 'table') io.stdout.write(formatData(report, format));
      else if (report.healthy) io.stdout.write(`ok: ${okLine(report.checked)} on node ${node}\n`);
      else for (const p of report.problems) io.stdout.write(`${p.object}: ${p.problem}\n`);
      return report.healthy ? EXIT_OK : EXIT_INVALID;
    },
  };
}

function okLine(checked: { virtualAddresses?: number | undefined; leaseSyncs?: number | undefined; promotions?: number | undefined }): string {
  const part = (n: number | undefined, what: string) => (n === undefined ? undefined : `${n} ${what}`);
  return [part(checked.virtualAddresses, 'VirtualAddresses'), part(checked.leaseSyncs, 'lease syncs'), part(checked.promotions, 'DHCPServerPromotions')]
    .filter((p) => p !== undefined)
    .join(', ') || 'nothing asked (every agent skipped)';
}

export const checkCommand = createCheckCommand(defaultLiveDeps);
