// `routerctl get KIND`: every object of a kind on a node, one row each; --watch redraws on each change.
import { UsageError } from '@routerd/model';
import { parseCommandArgs } from '../args.js';
import { EXIT_OK } from '../exit-codes.js';
import type { Io } from '../io.js';
import { withConnection } from '../live/connection.js';
import { defaultLiveDeps } from '../live/default-deps.js';
import type { LiveDeps } from '../live/deps.js';
import { viewOf, type GetView, type Listed } from '../live/get-views.js';
import { KIND_HELP, KIND_WORDS, resolveKinds } from '../live/kinds.js';
import { LIVE_OPTIONS, liveHelp, liveSettings, type LiveSettings } from '../live/options.js';
import { watchView } from '../live/watch.js';
import { formatData, OUTPUT_FORMATS, type OutputFormat } from '../output/formats.js';
import type { Command } from './command.js';

const OPTIONS = { ...LIVE_OPTIONS, watch: { type: 'boolean', short: 'w' } } as const;

const HELP = `Usage: routerctl get KIND [-w|--watch] [--node NAME] [--nats URL] [-o table|wide|json|yaml] [--timeout 3s]

Lists every object of a kind as the agents on a node see it now: VirtualAddresses from
routerd-vip-watcher (NAME, ROLE, ADDRESS, IFNAME, OBSERVED, SINCE, REASON), lease syncs from
routerd-syncer (KIND, NAME, PHASE, REASON, LAST SYNC, LAG, TARGETS synced/total),
DHCPServerPromotions from routerd-dhcp-promoter (NAME, NODE, ROLE, PHASE, REASON, AGE: how long
the phase has held).
-o wide adds: for VirtualAddresses VRID, PRIORITY, HEARTBEAT (period, fresh or STALE) and
EVIDENCE; for lease syncs GATE, LEASES v4/v6, OBSERVED, NEXT ATTEMPT and MESSAGE; for
DHCPServerPromotions VIP, SERVERS, HEARTBEAT, NEXT ATTEMPT and MESSAGE.

KIND: ${KIND_HELP}

Options:
${liveHelp(OUTPUT_FORMATS)}  -w, --watch           after the list, follow the agent's status subjects (routerd.NODE.vip.*,
                        .sync.*.* or .promotion.*) and redraw the table on each change (a heartbeat
                        that changes nothing else does not redraw); with -o json or yaml, print each
                        changed object (one JSON line, or one YAML document). A message that breaks
                        the bus contract is reported on stderr and watching goes on. SIGINT or SIGTERM
                        stops it (exit 0); a lost connection exits 3

Exit status: 0 listed, 2 usage error, 3 NATS unreachable, 4 the agent not answering
(see "routerctl --help").
`;

function draw<T extends Listed>(view: GetView<T>, items: readonly T[], format: OutputFormat, now: number): string {
  return format === 'json' || format === 'yaml' ? formatData(items, format) : view.table(items, now, format === 'wide');
}

export function createGetCommand(deps: LiveDeps): Command {
  async function list(view: GetView<Listed>, settings: LiveSettings, watch: boolean, io: Io): Promise<number> {
    return withConnection(deps, settings, async (nc) => {
      if (watch) return watchView(nc, view, settings, io, deps);
      io.stdout.write(draw(view, await view.fetch(nc, settings), settings.format, deps.now()));
      return EXIT_OK;
    });
  }

  return {
    name: 'get',
    summary: 'list VirtualAddresses, lease syncs or DHCPServerPromotions live, from their agent; -w follows changes',
    help: HELP,
    options: OPTIONS,
    complete: { words: KIND_WORDS.map((k) => `${k}s`), values: { output: OUTPUT_FORMATS } },
    async run(args, io) {
      const { values, positionals } = parseCommandArgs('get', args, OPTIONS, true);
      if (values.help === true) {
        io.stdout.write(HELP);
        return EXIT_OK;
      }
      const [word, ...extra] = positionals;
      if (word === undefined) throw new UsageError('missing KIND, e.g. vip or leasesyncs', { command: 'get' });
      if (extra.length > 0) throw new UsageError(`expected one KIND, found ${positionals.length}: ${positionals.join(' ')}`, { command: 'get' });
      const view = viewOf(resolveKinds('get', word)) as GetView<Listed>;
      const settings = liveSettings('get', values, io.env, deps.hostname, OUTPUT_FORMATS);
      return list(view, settings, values.watch === true, io);
    },
  };
}

export const getCommand = createGetCommand(defaultLiveDeps);
