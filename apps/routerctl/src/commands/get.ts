// `routerctl get KIND`: every object of a kind on a node, one row each.
import { UsageError } from '@routerd/model';
import { isSyncKind } from '@routerd/bus';
import { parseCommandArgs } from '../args.js';
import { EXIT_OK } from '../errors.js';
import { fetchPromotions, fetchRoles, fetchSyncs } from '../live/agents.js';
import { withConnection } from '../live/connection.js';
import { defaultLiveDeps } from '../live/default-deps.js';
import type { LiveDeps } from '../live/deps.js';
import { KIND_HELP, resolveGetKinds } from '../live/kinds.js';
import { LIVE_HELP, LIVE_OPTIONS, liveSettings } from '../live/options.js';
import { formatSyncTable, formatVipTable } from '../output/get-table.js';
import { formatData } from '../output/live-format.js';
import { formatPromotionTable } from '../output/promotion-table.js';
import type { Command } from './command.js';

const HELP = `Usage: routerctl get KIND [--node NAME] [--nats URL] [-o table|json|yaml] [--timeout 3s]

Lists every object of a kind as the agents on a node see it now: VirtualAddresses from
routerd-vip-watcher (NAME, ROLE, ADDRESS, IFNAME, OBSERVED, SINCE, REASON), lease syncs from
routerd-syncer (KIND, NAME, PHASE, REASON, LAST SYNC, LAG, TARGETS synced/total),
DHCPServerPromotions from routerd-dhcp-promoter (NAME, NODE, ROLE, PHASE, REASON, AGE: how long
the phase has held).

KIND: leasesyncs (every sync kind), ${KIND_HELP}; plurals work too

Options:
${LIVE_HELP}
Exit status: 0 listed, 2 usage error or NATS/agent not answering.
`;

export function createGetCommand(deps: LiveDeps): Command {
  return {
    name: 'get',
    summary: 'list VirtualAddresses, lease syncs or DHCPServerPromotions live, from their agent',
    help: HELP,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs('get', args, LIVE_OPTIONS, true);
      if (values.help === true) {
        io.stdout.write(HELP);
        return EXIT_OK;
      }
      const [word, ...extra] = positionals;
      if (word === undefined) throw new UsageError('missing KIND, e.g. vip or leasesyncs', { command: 'get' });
      if (extra.length > 0) throw new UsageError(`expected one KIND, found ${positionals.length}: ${positionals.join(' ')}`, { command: 'get' });
      const kinds = resolveGetKinds(word);
      const settings = liveSettings('get', values, io.env, deps.hostname);
      const { node, timeoutMs, format } = settings;
      const text = await withConnection(deps, settings, async (nc) => {
        if (kinds.includes('VirtualAddress')) {
          const events = await fetchRoles(nc, { node, timeoutMs });
          return format === 'table' ? formatVipTable(events, deps.now()) : formatData(events, format);
        }
        if (kinds.includes('DHCPServerPromotion')) {
          const statuses = await fetchPromotions(nc, { node, timeoutMs });
          return format === 'table' ? formatPromotionTable(statuses, deps.now()) : formatData(statuses, format);
        }
        const wanted = kinds.filter(isSyncKind);
        const syncs = (await fetchSyncs(nc, { node, timeoutMs })).filter((s) => wanted.includes(s.kind));
        return format === 'table' ? formatSyncTable(syncs, deps.now()) : formatData(syncs, format);
      });
      io.stdout.write(text);
      return EXIT_OK;
    },
  };
}

export const getCommand = createGetCommand(defaultLiveDeps);
