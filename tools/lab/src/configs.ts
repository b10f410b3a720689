// The lab's configuration files: the examples adapted to the lab, sshd, /etc/hosts.
import { isMap, isSeq, parseDocument, type YAMLMap } from 'yaml';
import { LabError } from './errors.js';
import { ROUTERS, STATE_DIR, type RouterSpec } from './topology.js';

export interface PromotionArgv {
  start: string[];
  stop: string[];
  check: string[];
  /** The lab's dnsmasq logs to a file, not to a unit's journal as the examples' does. */
  logs: string[];
}

export type Delivery = 'merge' | 'replace';

/** What a run may change in the example's DHCP service (the nemesis: short leases, a small pool). */
export interface LabDhcpProfile {
  /** DHCPv4Server spec.leaseTime, e.g. '2m' (dnsmasq's minimum), so clients renew within a run. */
  v4LeaseTime?: string;
  /** DHCPv4Server spec.addressPool: a small pool makes a forgotten lease's address go to another client. */
  v4Pool?: { start: string; end: string };
  /** spec.delivery on every lease sync; absent leaves the example's (the schema's default). */
  delivery?: Delivery;
  /** Appended to the DHCP server's start command (the nemesis: --no-ping). */
  dnsmasqArgs?: string[];
}

export interface LabConfigOptions {
  /** ssh runs as root in the lab: name the key and known_hosts (root's ~ comes from passwd, not $HOME). */
  sshOptions: string[];
  /** Set on the example's DHCPServerPromotion, or added as one when the example has none. */
  promotion: PromotionArgv | undefined;
  profile?: LabDhcpProfile;
  /**
   * false: the negative control, without the lease sync: the lease syncs are dropped, so that no
   * syncer pushes and no promoter pulls or merges (each would carry the leases across on its own).
   */
  sync?: boolean;
}

export const LAB_SSH_KEY = `${STATE_DIR}/.ssh/id_ed25519`;
export const LAB_KNOWN_HOSTS = `${STATE_DIR}/.ssh/known_hosts`;
export const LAB_SSH_OPTIONS = ['-o', 'ConnectTimeout=5', '-F', '/dev/null', '-i', LAB_SSH_KEY, '-o', `UserKnownHostsFile=${LAB_KNOWN_HOSTS}`];

const LEASE_SYNC_KINDS = new Set(['DHCPv4ServerLeaseSync', 'DHCPv6ServerLeaseSync', 'DHCPv6PrefixDelegationLeaseSync']);

function resourcesOf(doc: ReturnType<typeof parseDocument>, source: string) {
  const resources = doc.getIn(['spec', 'resources']);
  if (!isSeq(resources)) throw new LabError(`${source}: expected spec.resources to be a list, found ${String(resources)}`);
  return resources.items.filter((item): item is YAMLMap => isMap(item));
}

/** The example's Router document with the lab's ssh options and promotion argv; everything else kept. */
export function labRouterConfig(exampleText: string, source: string, options: LabConfigOptions): string {
  const doc = parseDocument(exampleText);
  if (doc.errors.length > 0) throw new LabError(`${source}: expected YAML, found ${doc.errors[0]?.message ?? 'an error'}`);
  let promotionFound = false;
  if (options.sync === false) {
    const all = doc.getIn(['spec', 'resources']);
    if (isSeq(all)) all.items = all.items.filter((item) => !(isMap(item) && LEASE_SYNC_KINDS.has(String(item.get('kind')))));
  }
  for (const resource of resourcesOf(doc, source)) {
    const kind = resource.get('kind');
    if (typeof kind === 'string' && LEASE_SYNC_KINDS.has(kind)) {
      const targets = resource.getIn(['spec', 'targets']);
      if (!isSeq(targets)) throw new LabError(`${source}: expected spec.targets of ${kind} to be a list`);
      for (const target of targets.items) if (isMap(target)) target.set('sshOptions', doc.createNode(options.sshOptions, { flow: true }));
      if (options.profile?.delivery !== undefined) resource.setIn(['spec', 'delivery'], options.profile.delivery);
    }
    if (kind === 'DHCPv4Server') {
      if (options.profile?.v4LeaseTime !== undefined) resource.setIn(['spec', 'leaseTime'], options.profile.v4LeaseTime);
      if (options.profile?.v4Pool !== undefined) resource.setIn(['spec', 'addressPool'], doc.createNode(options.profile.v4Pool));
    }
    if (kind === 'DHCPServerPromotion' && options.promotion !== undefined) {
      promotionFound = true;
      const start = [...options.promotion.start, ...(options.profile?.dnsmasqArgs ?? [])];
      for (const key of ['stop', 'check', 'logs'] as const) resource.setIn(['spec', key], doc.createNode(options.promotion[key], { flow: true }));
      resource.setIn(['spec', 'start'], doc.createNode(start, { flow: true }));
    }
  }
  if (options.promotion !== undefined && !promotionFound) {
    const resources = doc.getIn(['spec', 'resources']);
    if (isSeq(resources)) {
      resources.add(
        doc.createNode({
          apiVersion: 'net.routerd.net/v1alpha1',
          kind: 'DHCPServerPromotion',
          metadata: { name: 'lan-dhcp' },
          spec: { virtualAddress: 'lan-vip', ...options.promotion, start: [...options.promotion.start, ...(options.profile?.dnsmasqArgs ?? [])] },
        }),
      );
    }
  }
  return `# The lab's configuration: ${source} with the lab's ssh options and DHCP server commands.\n${doc.toString({ lineWidth: 0 })}`;
}

/** One sshd per router, on its LAN address inside its namespace: key-only, one user. */
export function sshdConfig(router: RouterSpec, paths: { hostKey: string; pidFile: string }): string {
  return [
    `# sshd of lab router ${router.id} (${router.node}): accepts the peer's pushes as routerd, key only.`,
    `ListenAddress ${router.v4}:22`,
    `HostKey ${paths.hostKey}`,
    `PidFile ${paths.pidFile}`,
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'UsePAM no',
    'AllowUsers routerd',
    'AuthorizedKeysFile .ssh/authorized_keys',
    'LogLevel VERBOSE',
    'PrintMotd no',
    '',
  ].join('\n');
}

/** The examples' host names resolve to the lab routers (bind-mounted over /etc/hosts in each router). */
export function hostsFile(): string {
  return ['127.0.0.1 localhost', '::1 localhost', ...Object.values(ROUTERS).map((r) => `${r.v4} ${r.hostName}`), ''].join('\n');
}
