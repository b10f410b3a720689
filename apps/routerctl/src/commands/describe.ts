// `routerctl describe KIND/NAME`: asks the agent that owns the object on the node, prints it.
import { UsageError } from '@routerd/model';
import { parseCommandArgs } from '../args.js';
import { EXIT_OK } from '../errors.js';
import { fetchPromotions, fetchRoles, fetchSyncs } from '../live/agents.js';
import { withConnection } from '../live/connection.js';
import { defaultLiveDeps } from '../live/default-deps.js';
import type { LiveDeps } from '../live/deps.js';
import { NotFoundError } from '../live/errors.js';
import { KIND_HELP, parseRef } from '../live/kinds.js';
import { LIVE_HELP, LIVE_OPTIONS, liveSettings } from '../live/options.js';
import { formatPromotionDescribe } from '../output/describe-promotion.js';
import { formatSyncDescribe } from '../output/describe-sync.js';
import { formatVipDescribe } from '../output/describe-vip.js';
import { formatData } from '../output/live-format.js';
import type { Command } from './command.js';

const HELP = `Usage: routerctl describe KIND/NAME [--node NAME] [--nats URL] [-o table|json|yaml] [--timeout 3s]

Shows one object as the agents on a node see it now. A lease sync comes from routerd-syncer
(phase, reason, gate, source snapshot, each target's last attempt, output and backoff); a
VirtualAddress from routerd-vip-watcher (role, address, interface, age, evidence); a
DHCPServerPromotion from routerd-dhcp-promoter (role, phase, reason, the last start or stop and
its output, the last reconciliation of the lease files with the peer's, and its conflicts).

KIND: ${KIND_HELP}

Options:
${LIVE_HELP}
Exit status: 0 shown, 1 no such object on the node, 2 usage error or NATS/agent not answering.
`;

export function createDescribeCommand(deps: LiveDeps): Command {
  return {
    name: 'describe',
    summary: 'show one lease sync, VirtualAddress or DHCPServerPromotion live, from its agent',
    help: HELP,
    async run(args, io) {
      const { values, positionals } = parseCommandArgs('describe', args, LIVE_OPTIONS, true);
      if (values.help === true) {
        io.stdout.write(HELP);
        return EXIT_OK;
      }
      if (positionals.length > 1) throw new UsageError(`expected one KIND/NAME, found ${positionals.length}: ${positionals.join(' ')}`, { command: 'describe' });
      const { kind, name } = parseRef('describe', positionals[0]);
      const settings = liveSettings('describe', values, io.env, deps.hostname);
      const { node, timeoutMs, format } = settings;
      const text = await withConnection(deps, settings, async (nc) => {
        if (kind === 'VirtualAddress') {
          const event = (await fetchRoles(nc, { node, timeoutMs, name })).find((e) => e.name === name);
          if (event === undefined) throw new NotFoundError(`no VirtualAddress/${name} on node ${node}`);
          return format === 'table' ? formatVipDescribe(event, deps.now()) : formatData(event, format);
        }
        if (kind === 'DHCPServerPromotion') {
          const status = (await fetchPromotions(nc, { node, timeoutMs, name })).find((s) => s.name === name);
          if (status === undefined) throw new NotFoundError(`no DHCPServerPromotion/${name} on node ${node}`);
          return format === 'table' ? formatPromotionDescribe(status, deps.now()) : formatData(status, format);
        }
        const status = (await fetchSyncs(nc, { node, timeoutMs, kind, name })).find((s) => s.kind === kind && s.name === name);
        if (status === undefined) throw new NotFoundError(`no ${kind}/${name} on node ${node}`);
        return format === 'table' ? formatSyncDescribe(status, deps.now()) : formatData(status, format);
      });
      io.stdout.write(text);
      return EXIT_OK;
    },
  };
}

export const describeCommand = createDescribeCommand(defaultLiveDeps);
