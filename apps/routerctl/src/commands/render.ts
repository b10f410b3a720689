import { resolve } from 'node:path';
import { BUS_IDENTITIES } from '@routerd/bus';
import { UsageError } from '@routerd/model';
import { parseCommandArgs } from '../args.js';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { InputError } from '../errors.js';
import { currentConfigPath, describeOsError } from '../input.js';
import type { Io } from '../io.js';
import { AuthorizedKeyError, checkPublicKey, DEFAULT_RECEIVER, renderAuthorizedKey } from '../render/authorized-keys.js';
import { renderDnsmasq } from '../render/dnsmasq.js';
import { renderKeepalived } from '../render/keepalived.js';
import { DEFAULT_CREDS_DIR, DEFAULT_NATS_LISTEN, renderNats } from '../render/nats.js';
import type { Command } from './command.js';
import { dirsFromEnv, INPUT_HELP, INPUT_OPTIONS, loadValid, planning } from './common.js';

const KEY_OPTIONS = {
  peer: { type: 'string', multiple: true },
  key: { type: 'string' },
  'public-key': { type: 'string' },
  receiver: { type: 'string' },
  'state-dir': { type: 'string' },
  node: { type: 'string' },
} as const;
const NATS_OPTIONS = {
  'creds-dir': { type: 'string' },
  force: { type: 'boolean' },
  listen: { type: 'string' },
  'server-name': { type: 'string' },
} as const;
const OPTIONS = { ...INPUT_OPTIONS, 'notify-fifo': { type: 'string' }, ...KEY_OPTIONS, ...NATS_OPTIONS } as const;
export const RENDER_TARGETS = ['dnsmasq', 'keepalived', 'authorized-keys', 'nats'] as const;

const HELP = `Usage: routerctl render -f FILE|- [--replace] [--config PATH] dnsmasq|keepalived [--notify-fifo PATH]
       routerctl render authorized-keys --peer ADDRESS (--key FILE | --public-key LINE) [--config PATH]
                        [--receiver PATH] [--state-dir DIR] [--node NAME]
       routerctl render nats --creds-dir DIR [--force] [--node NAME] [--listen HOST:PORT]
                        [--server-name NAME]

Writes a configuration file for a daemon to stdout, derived from the routerd configuration:
  dnsmasq          DHCP and router advertisements for the DHCPv4Server and DHCPv6Server resources,
                   with the lease file the lease sync pushes
  keepalived       one VRRP instance per VirtualAddress in vrrp mode, every node starting as BACKUP
  authorized-keys  the authorized_keys line for the peer's sync key on this node: the lease receiver
                   as its forced command, restricted to the peer's address
  nats             the nats-server configuration of this node's bus, and one credential (nkey seed)
                   file per agent and for routerctl in --creds-dir
Refuses an invalid configuration (exit 1).

Options:
${INPUT_HELP}      --notify-fifo PATH  keepalived only: add vrrp_notify_fifo PATH to global_defs, so
                          keepalived reports every state change, in order, to that FIFO

authorized-keys (reads no configuration; -f and --replace do not apply):
      --peer ADDRESS      the peer's IPv4 or IPv6 address (or ADDRESS/PREFIX) it connects from; repeat
                          for each of its addresses
      --key FILE          the peer's public key file (its id_ed25519.pub)
      --public-key LINE   or the public key line itself, e.g. 'ssh-ed25519 AAAA... routerd@router-a'
      --config PATH       the configuration the receiver reads (default $ROUTERD_CONFIG, else
                          /usr/local/etc/routerd/router.yaml)
      --receiver PATH     the receiver command (default ${DEFAULT_RECEIVER}, found in sshd's PATH)
      --state-dir DIR     add --state-dir DIR, when the state dir is not the default (sshd passes no
                          ROUTERD_STATE_DIR to the receiver)
      --node NAME         add --node NAME, when this node's name is not its short host name (the
                          receiver names it in its reports)

nats (reads no configuration; -f and --replace do not apply):
      --creds-dir DIR     where the credential files are: <identity>.nk for each bus identity,
                          ${BUS_IDENTITIES.join(', ')},
                          each mode 0600, created when missing (e.g. ${DEFAULT_CREDS_DIR}). Existing
                          sound files are reused, so rendering again prints the same configuration;
                          any other existing file is an error
      --force             replace every credential file with a new key (then restart the bus and the
                          agents)
      --node NAME         the node whose subjects the permissions name (default $ROUTERD_NODE, else the
                          short host name)
      --listen HOST:PORT  the loopback address the server listens on (default ${DEFAULT_NATS_LISTEN})
      --server-name NAME  the server_name the agents expect (default routerd-NODE)
`;

interface NatsValues {
  'creds-dir'?: string | undefined;
  force?: boolean | undefined;
  listen?: string | undefined;
  'server-name'?: string | undefined;
}

interface KeyValues extends NatsValues {
  file?: string | undefined;
  replace?: boolean | undefined;
  config?: string | undefined;
  'notify-fifo'?: string | undefined;
  peer?: string[] | undefined;
  key?: string | undefined;
  'public-key'?: string | undefined;
  receiver?: string | undefined;
  'state-dir'?: string | undefined;
  node?: string | undefined;
}

async function renderAuthorizedKeys(io: Io, values: KeyValues): Promise<number> {
  for (const flag of ['file', 'replace', 'notify-fifo'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`${flag === 'file' ? '-f/--file' : `--${flag}`} does not apply to authorized-keys (it reads no configuration)`, { command: 'render' });
  }
  const { key, 'public-key': line } = values;
  if ((key === undefined) === (line === undefined)) throw new UsageError('authorized-keys: expected exactly one of --key FILE and --public-key LINE', { command: 'render' });
  let publicKey: string;
  let from: string;
  if (key !== undefined) {
    from = `--key ${key}`;
    try {
      publicKey = await io.readFile(resolve(io.cwd, key));
    } catch (error) {
      throw new InputError(`cannot read the public key ${key}: ${describeOsError(error)}`, { cause: error });
    }
  } else {
    from = '--public-key';
    publicKey = line ?? '';
  }
  const config = currentConfigPath(io, values.config);
  try {
    const text = renderAuthorizedKey({
      peers: values.peer ?? [],
      publicKey: checkPublicKey(publicKey, from),
      configFile: config,
      receiver: values.receiver ?? DEFAULT_RECEIVER,
      stateDir: values['state-dir'],
      node: values.node,
    });
    io.stdout.write(text);
  } catch (error) {
    if (error instanceof AuthorizedKeyError) throw new UsageError(error.message, { command: 'render' });
    throw error;
  }
  return EXIT_OK;
}

function checkFifoPath(path: string): string {
  const control = [...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (!path.startsWith('/') || control || /[\s"'\\#!]/.test(path)) {
    throw new UsageError(
      `expected --notify-fifo to be an absolute path without whitespace, quotes, "#" or "!", found ${JSON.stringify(path)}`, { command: 'render' });
  }
  return path;
}

const TARGETS_TEXT = `${RENDER_TARGETS.slice(0, -1).join(', ')} or ${RENDER_TARGETS.at(-1) ?? ''}`;

export const renderCommand: Command = {
  name: 'render',
  summary: 'write the dnsmasq or keepalived configuration a configuration implies, the sync key line, or the bus configuration and credentials',
  help: HELP,
  options: OPTIONS,
  complete: { words: RENDER_TARGETS },
  async run(args, io) {
    const { values, positionals } = parseCommandArgs('render', args, OPTIONS, true);
    if (values.help === true) {
      io.stdout.write(HELP);
      return EXIT_OK;
    }
    const [target, ...extra] = positionals;
    if (target === undefined) throw new UsageError(`missing what to render: expected ${TARGETS_TEXT}`, { command: 'render' });
    if (!(RENDER_TARGETS as readonly string[]).includes(target)) {
      throw new UsageError(`unknown render target ${JSON.stringify(target)}: expected ${TARGETS_TEXT}`, { command: 'render' });
    }
    if (extra.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`, { command: 'render' });
    const natsFlag = Object.keys(NATS_OPTIONS).find((flag) => values[flag as keyof typeof NATS_OPTIONS] !== undefined);
    if (target === 'nats') {
      const other = ['file', 'replace', 'config', 'notify-fifo', ...Object.keys(KEY_OPTIONS)].find((flag) => flag !== 'node' && values[flag as keyof KeyValues] !== undefined);
      if (other !== undefined) throw new UsageError(`${other === 'file' ? '-f/--file' : `--${other}`} does not apply to nats`, { command: 'render' });
      await renderNats(io, values);
      return EXIT_OK;
    }
    if (natsFlag !== undefined) throw new UsageError(`--${natsFlag} applies to nats only`, { command: 'render' });
    if (target === 'authorized-keys') return renderAuthorizedKeys(io, values);
    const keyFlag = Object.keys(KEY_OPTIONS).find((flag) => values[flag as keyof typeof KEY_OPTIONS] !== undefined);
    if (keyFlag !== undefined) throw new UsageError(`--${keyFlag} applies to authorized-keys only`, { command: 'render' });
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
