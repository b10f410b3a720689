// Which lease files a promotion reconciles with the peer before and while it serves (P4-P6), and how to
// pull each from each peer: the lease syncs whose source is one of the promotion's servers.
import type { SourceKind } from '@routerd/bus';
import type { SyncJob } from '@routerd/model';

export interface PeerPlan {
  /** The sync target's name (its host unless named). */
  name: string;
  pullArgv: readonly string[];
  /** Created (0700) before a pull when set: the plan's ssh control socket directory. */
  controlDir?: string;
}

export interface LeaseFilePlan {
  /** The live lease file dnsmasq writes. */
  live: string;
  /** The DHCP source the events about this file name (the first sync's source). */
  source: { kind: SourceKind; name: string };
  /** Pulled in this order until one answers; every sync target of the file, once. */
  peers: PeerPlan[];
}

/**
 * One plan per live file of the jobs whose source is one of `servers`, in job order. A `delivery: replace`
 * sync keeps the original's overwrite: its file is not reconciled.
 */
export function leaseFilePlans(jobs: readonly SyncJob[], servers: readonly { kind: string; name: string }[]): LeaseFilePlan[] {
  const wanted = new Set(servers.map((s) => `${s.kind}/${s.name}`));
  const byLive = new Map<string, LeaseFilePlan>();
  for (const job of jobs) {
    const { kind, name, path } = job.source;
    if (job.delivery === 'replace' || !wanted.has(`${kind}/${name}`) || (kind !== 'DHCPv4Server' && kind !== 'DHCPv6Server')) continue;
    let file = byLive.get(path);
    if (file === undefined) {
      file = { live: path, source: { kind, name }, peers: [] };
      byLive.set(path, file);
    }
    for (const target of job.targets) {
      if (file.peers.some((p) => p.name === target.name)) continue;
      const peer: PeerPlan = { name: target.name, pullArgv: [...target.pullArgv] };
      if (target.controlDir !== undefined) peer.controlDir = target.controlDir;
      file.peers.push(peer);
    }
  }
  return [...byLive.values()];
}

/** "router-b", or "router-b or router-c" when a file has several peers (a handback does not say whose it is). */
export function peersOf(file: LeaseFilePlan): string {
  return file.peers.map((p) => p.name).join(' or ');
}
