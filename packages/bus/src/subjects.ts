// Every subject on the bus, built and parsed in one place. Readable with `nats sub 'routerd.>'`.
import { isSourceKind, isSyncKind, SOURCE_KINDS, SYNC_KINDS_LIST, type SourceKind, type SyncKind } from './kinds.js';
import { decodeNameToken, encodeNameToken, kindToken, nodeToken, SubjectError } from './tokens.js';

export const SUBJECT_ROOT = 'routerd';
/** Everything the agents publish: `nats sub 'routerd.>'`. */
export const ALL_SUBJECTS = `${SUBJECT_ROOT}.>`;

/** vip-watcher: role events and heartbeats of VirtualAddress `name`. */
export function vipSubject(node: string, name: string): string {
  return `${SUBJECT_ROOT}.${nodeToken(node)}.vip.${encodeNameToken(name)}`;
}

/** lease-watcher: changes of the lease file of the DHCP source `kind`/`name`. */
export function leaseSubject(node: string, kind: SourceKind, name: string): string {
  if (!isSourceKind(kind)) throw new SubjectError(`kind: expected one of ${SOURCE_KINDS.join(', ')}, found ${JSON.stringify(kind)}`);
  return `${SUBJECT_ROOT}.${nodeToken(node)}.lease.${kindToken(kind)}.${encodeNameToken(name)}`;
}

/** syncer: status changes of the lease sync `kind`/`name`. */
export function syncSubject(node: string, kind: SyncKind, name: string): string {
  if (!isSyncKind(kind)) throw new SubjectError(`kind: expected one of ${SYNC_KINDS_LIST.join(', ')}, found ${JSON.stringify(kind)}`);
  return `${SUBJECT_ROOT}.${nodeToken(node)}.sync.${kindToken(kind)}.${encodeNameToken(name)}`;
}

function nodeOrAny(node: string | undefined): string {
  return node === undefined ? '*' : nodeToken(node);
}

/** syncer and dhcp-promoter: lease-safety events (merges, refusals, conflicts, handbacks, pulls) of the lease file of DHCP source `kind`/`name`. */
export function reconcileSubject(node: string, kind: SourceKind, name: string): string {
  if (!isSourceKind(kind)) throw new SubjectError(`kind: expected one of ${SOURCE_KINDS.join(', ')}, found ${JSON.stringify(kind)}`);
  return `${SUBJECT_ROOT}.${nodeToken(node)}.reconcile.${kindToken(kind)}.${encodeNameToken(name)}`;
}

/** Every lease-safety event of one node, or of every node when `node` is undefined. */
export function reconcileWildcard(node?: string): string {
  return `${SUBJECT_ROOT}.${nodeOrAny(node)}.reconcile.*.*`;
}

/** Every VIP of one node, or of every node when `node` is undefined. */
export function vipWildcard(node?: string): string {
  return `${SUBJECT_ROOT}.${nodeOrAny(node)}.vip.*`;
}

/** Every lease file of one node, or of every node when `node` is undefined. */
export function leaseWildcard(node?: string): string {
  return `${SUBJECT_ROOT}.${nodeOrAny(node)}.lease.*.*`;
}

/** Every sync status of one node, or of every node when `node` is undefined. */
export function syncWildcard(node?: string): string {
  return `${SUBJECT_ROOT}.${nodeOrAny(node)}.sync.*.*`;
}

/** What a subject on the bus is about. */
export type BusSubject =
  | { type: 'vip'; node: string; name: string }
  | { type: 'lease'; node: string; kind: SourceKind; name: string }
  | { type: 'sync'; node: string; kind: SyncKind; name: string }
  | { type: 'reconcile'; node: string; kind: SourceKind; name: string }
  | { type: 'promotion'; node: string; name: string }
  | { type: ServiceArea; node: string; endpoint: string };

/** The request/reply areas (NATS services API groups); their subjects carry requests, not events. */
export const SERVICE_AREAS = ['syncer', 'vip-watcher', 'lease-watcher', 'dhcp-promoter'] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];

function isServiceArea(area: string): area is ServiceArea {
  return (SERVICE_AREAS as readonly string[]).includes(area);
}

/** Parses a concrete subject; throws SubjectError naming the subject when it is none of ours. */
export function parseSubject(subject: string): BusSubject {
  const fail = (why: string): never => {
    throw new SubjectError(`subject ${JSON.stringify(subject)}: ${why}`);
  };
  const expected =
    'expected routerd.<node>.vip.<name>, routerd.<node>.lease.<Kind>.<name>, routerd.<node>.sync.<Kind>.<name>, routerd.<node>.reconcile.<Kind>.<name>, routerd.<node>.promotion.<name> or routerd.<node>.{syncer,vip-watcher,lease-watcher,dhcp-promoter}.<endpoint>';
  const [root, node, area, ...rest] = subject.split('.');
  if (root !== SUBJECT_ROOT || node === undefined || area === undefined) return fail(expected);
  try {
    nodeToken(node);
    if (area === 'vip' && rest.length === 1) return { type: 'vip', node, name: decodeNameToken(rest[0] as string) };
    if (area === 'promotion' && rest.length === 1) return { type: 'promotion', node, name: decodeNameToken(rest[0] as string) };
    if (isServiceArea(area) && rest.length >= 1 && rest.every((t) => t.length > 0)) {
      return { type: area, node, endpoint: rest.join('.') };
    }
    if ((area === 'lease' || area === 'sync' || area === 'reconcile') && rest.length === 2) {
      const [kind, token] = rest as [string, string];
      const name = decodeNameToken(token);
      if (area === 'lease' || area === 'reconcile') {
        if (!isSourceKind(kind)) return fail(`expected a source kind (${SOURCE_KINDS.join(', ')}), found ${JSON.stringify(kind)}`);
        return { type: area, node, kind, name };
      }
      if (!isSyncKind(kind)) return fail(`expected a sync kind (${SYNC_KINDS_LIST.join(', ')}), found ${JSON.stringify(kind)}`);
      return { type: 'sync', node, kind, name };
    }
  } catch (error) {
    if (error instanceof SubjectError && !error.message.startsWith('subject ')) return fail(error.message);
    throw error;
  }
  return fail(expected);
}
