// `routerctl describe KIND/NAME`: asks the agent that owns the object on the node, prints it.
import { UsageError } from '@routerd/model';
import { parseCommandArgs } from '../args.js';
import { EXIT_OK } from '../exit-codes.js';
import { fetchPromotions, fetchRoles, fetchSyncs } from '../live/agents.js';
import { withConnection } from '../live/connection.js';
import { defaultLiveDeps } from '../live/default-deps.js';
import type { LiveConnection, LiveDeps } from '../live/deps.js';
import { NotFoundError } from '../live/errors.js';
import { allSyncKinds, KIND_HELP, KIND_WORDS, parseRef, type LiveKind } from '../live/kinds.js';
import { LIVE_OPTIONS, liveHelp, liveSettings } from '../live/options.js';
import { formatPromotionDescribe } from '../output/describe-promotion.js';
import { formatSyncDescribe } from '../output/describe-sync.js';
import { formatVipDescribe } from '../output/describe-vip.js';
import { DATA_FORMATS, formatData } from '../output/formats.js';
import type { Command } from './command.js';

const HELP = `Usage: routerctl describe KIND/NAME [--node NAME] [--nats URL] [-o table|json|yaml] [--timeout 3s]

Shows one object as the agents on a node see it now. A lease sync comes from routerd-syncer
(phase, reason, gate, source snapshot, each target's last attempt, output and backoff); a
VirtualAddress from routerd-vip-watcher (role, address, interface, age, evidence); a
DHCPServerPromotion from routerd-dhcp-promoter (role, phase, reason, the last start or stop and
its output, the last reconciliation of the lease files with the peer's, and its conflicts).
leasesync/NAME finds NAME among every lease-sync kind; when two kinds share the name, name the kind.

KIND: ${KIND_HELP}

Options:
${liveHelp(DATA_FORMATS)}
Exit status: 0 shown, 1 no such object on the node, 2 usage error, 3 NATS unreachable,
4 the agent not answering (see "routerctl --help").
`;

interface Ask {
  nc: LiveConnection;
  node: string;
  timeoutMs: number;
  name: string;
}

/** The one lease sync named `name` among `kinds`; two kinds sharing the name is a usage error. */
async function findSync({ nc, node, timeoutMs, name }: Ask, kinds: readonly LiveKind[]) {
  const kind = kinds.length === 1 && allSyncKinds(kinds) ? kinds[0] : undefined;
  const found = (await fetchSyncs(nc, { node, timeoutMs, name, ...(kind === undefined ? {} : { kind }) })).filter((s) => s.name === name && kinds.includes(s.kind));
  if (found.length > 1) {
    const refs = found.map((s) => `${s.kind}/${name}`).join(', ');
    throw new UsageError(`more than one lease sync is named ${JSON.stringify(name)} on node ${node}: ${refs}; name the kind, e.g. ${refs.split(', ')[0] ?? ''}`, { command: 'describe' });
  }
  const status = found[0];
  if (status === undefined) throw new NotFoundError(`no ${kind ?? 'lease sync'}/${name} on node ${node}`);
  return status;
}

export function createDescribeCommand(deps: LiveDeps): Command {
  return {
    name: 'describe',
    summary: 'show one lease sync, VirtualAddress or DHCPServerPromotion live, from its agent',
    help: HELP,
    options: LIVE_OPTIONS,
    complete: { words: KIND_WORDS.map((k) => `${k}/`), values: { output: DATA_FORMATS } },
    async run(args, io) {
      const { values, positionals } = parseCommandArgs('describe', args, LIVE_OPTIONS, true);
      if (values.help === true) {
        io.stdout.write(HELP);
        return EXIT_OK;
      }
      if (positionals.length > 1) throw new UsageError(`expected one KIND/NAME, found ${positionals.length}: ${positionals.join(' ')}`, { command: 'describe' });
      const { kinds, name } = parseRef('describe', positionals[0]);
      const settings = liveSettings('describe', values, io.env, deps.hostname, DATA_FORMATS);
      const { node, timeoutMs, format } = settings;
      const text = await withConnection(deps, settings, async (nc) => {
        if (kinds.includes('VirtualAddress')) {
          const event = (await fetchRoles(nc, { node, timeoutMs, name })).find((e) => e.name === name);
          if (event === undefined) throw new NotFoundError(`no VirtualAddress/${name} on node ${node}`);
          return format === 'table' ? formatVipDescribe(event, deps.now()) : formatData(event, format);
        }
        if (kinds.includes('DHCPServerPromotion')) {
          const status = (await fetchPromotions(nc, { node, timeoutMs, name })).find((s) => s.name === name);
          if (status === undefined) throw new NotFoundError(`no DHCPServerPromotion/${name} on node ${node}`);
          return format === 'table' ? formatPromotionDescribe(status, deps.now()) : formatData(status, format);
        }
        const status = await findSync({ nc, node, timeoutMs, name }, kinds);
        return format === 'table' ? formatSyncDescribe(status, deps.now()) : formatData(status, format);
      });
      io.stdout.write(text);
      return EXIT_OK;
    },
  };
}

export const describeCommand = createDescribeCommand(defaultLiveDeps);
