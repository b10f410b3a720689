import { UsageError } from '@routerd/model';
import { parseCommandArgs } from '../args.js';
import { EXIT_INVALID, EXIT_OK } from '../errors.js';
import { renderDnsmasq } from '../render/dnsmasq.js';
import { renderKeepalived } from '../render/keepalived.js';
import type { Command } from './command.js';
import { dirsFromEnv, INPUT_HELP, INPUT_OPTIONS, loadValid, planning } from './common.js';

const OPTIONS = { ...INPUT_OPTIONS, 'notify-fifo': { type: 'string' } } as const;
export const RENDER_TARGETS = ['dnsmasq', 'keepalived'] as const;

const HELP = `Usage: routerctl render -f FILE|- [--replace] [--config PATH] dnsmasq|keepalived [--notify-fifo PATH]

Writes a configuration file for a daemon to stdout, derived from the routerd configuration:
  dnsmasq      DHCP and router advertisements for the DHCPv4Server and DHCPv6Server resources,
               with the lease file the lease sync pushes
  keepalived   one VRRP instance per VirtualAddress in vrrp mode, every node starting as BACKUP
Refuses an invalid configuration (exit 1).

Options:
${INPUT_HELP}      --notify-fifo PATH  keepalived only: add vrrp_notify_fifo PATH to global_defs, so
                          keepalived reports every state change, in order, to that FIFO
`;

function checkFifoPath(path: string): string {
  const control = [...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (!path.startsWith('/') || control || /[\s"'\\#!]/.test(path)) {
    throw new UsageError(
      `expected --notify-fifo to be an absolute path without whitespace, quotes, "#" or "!", found ${JSON.stringify(path)}`, { command: 'render' });
  }
  return path;
}

export const renderCommand: Command = {
  name: 'render',
  summary: 'write the dnsmasq or keepalived configuration a configuration implies',
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('render', args, OPTIONS, true);
    if (values.help === true) {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    const [target, ...extra] = positionals;
    if (target === undefined) throw new UsageError(`missing what to render: expected ${RENDER_TARGETS.join(' or ')}`, { command: 'render' });
    if (target !== 'dnsmasq' && target !== 'keepalived') {
      throw new UsageError(`unknown render target ${JSON.stringify(target)}: expected ${RENDER_TARGETS.join(' or ')}`, { command: 'render' });
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`, { command: 'render' });
    const fifo = values['notify-fifo'];
    if (fifo !== undefined && target !== 'keepalived') throw new UsageError('--notify-fifo applies to keepalived only', { command: 'render' });
    const notifyFifo = fifo === undefined ? undefined : checkFifoPath(fifo);
    const dirs = target === 'dnsmasq' ? dirsFromEnv(io) : undefined;

    const loaded = await loadValid('render', io, values);
    if (loaded === undefined) return EXIT_INVALID;
    if (dirs !== undefined) {
      io.stdout.write(planning(() => renderDnsmasq(loaded.config, { dirs, files: loaded.files })));
    } else {
      const { text, warnings } = renderKeepalived(loaded.config, { files: loaded.files, notifyFifo });
      for (const warning of warnings) io.stderr.write(`warning: ${warning}\n`);
      io.stdout.write(text);
    }
    return EXIT_OK;
  },
};
