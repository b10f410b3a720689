// The role of one VirtualAddress from what was observed. Pure: the table the tests walk through.
import { vipAddress, type VirtualAddressRole } from '@routerd/model';
import type { FifoState } from './fifo-line.js';
import { holdsAddress, type InterfaceAddresses } from '@routerd/agent';

export type KernelObservation = { ok: true; interfaces: InterfaceAddresses } | { ok: false; reason: string };
export type KeepalivedObservation = { state: 'running'; pid: number } | { state: 'stopped'; detail: string } | { state: 'unknown'; reason: string };

export interface RoleInput {
  /** `vrrp`: keepalived owns the address, so the address alone does not make a master; `static`: it does. */
  vip: { address: string; family: 'ipv4' | 'ipv6'; ifname: string; interface: string; mode: 'static' | 'vrrp' };
  kernel: KernelObservation;
  keepalived: KeepalivedObservation;
  /** The last state keepalived's notify FIFO reported for this VIP's instance, if any. */
  fifo?: FifoState | undefined;
}

export interface DerivedRole {
  role: VirtualAddressRole;
  evidence: string[];
  reason?: string;
}

/**
 * Kernel addresses decide `master`, for a vrrp VIP only while keepalived runs: an address a dead keepalived
 * left behind is no longer defended, the peer takes it too, and a master read from it is a lasting split
 * brain (docs/lease-safety.md, item 5). keepalived (process, then FIFO) tells backup from inactive.
 */
export function deriveRole({ vip, kernel, keepalived, fifo }: RoleInput): DerivedRole {
  const fifoEvidence = fifo === undefined ? [] : [`fifo:${fifo}`];
  const keepalivedEvidence = keepalived.state === 'unknown' ? 'keepalived:unknown' : `keepalived:${keepalived.state}`;
  if (!kernel.ok) return { role: 'unknown', evidence: ['kernel:unknown', keepalivedEvidence, ...fifoEvidence], reason: kernel.reason };
  const addresses = kernel.interfaces.get(vip.ifname);
  if (addresses === undefined) {
    return {
      role: 'unknown',
      evidence: ['kernel:no-interface', keepalivedEvidence, ...fifoEvidence],
      reason: `interface ${JSON.stringify(vip.ifname)} (Interface/${vip.interface}) does not exist`,
    };
  }
  const address = vipAddress(vip.address);
  if (holdsAddress(addresses, vip.family, address)) {
    const evidence = ['kernel:present', keepalivedEvidence, ...fifoEvidence];
    const present = `${address} is on ${vip.ifname}`;
    if (vip.mode === 'vrrp' && keepalived.state === 'stopped') {
      return { role: 'unknown', evidence, reason: `${present} but keepalived is not running (${keepalived.detail}): nothing defends the address` };
    }
    if (vip.mode === 'vrrp' && keepalived.state === 'unknown') {
      return { role: 'unknown', evidence, reason: `${present} but keepalived's state is unknown: ${keepalived.reason}` };
    }
    if (fifo !== undefined && fifo !== 'MASTER') {
      return { role: 'master', evidence, reason: `${present} although keepalived reported ${fifo}` };
    }
    return { role: 'master', evidence };
  }
  const evidence = ['kernel:absent', keepalivedEvidence, ...fifoEvidence];
  const absent = `${address} is not on ${vip.ifname}`;
  switch (keepalived.state) {
    case 'unknown':
      return { role: 'unknown', evidence, reason: `${absent} and keepalived's state is unknown: ${keepalived.reason}` };
    case 'stopped':
      return { role: 'inactive', evidence, reason: `${absent} and keepalived is not running (${keepalived.detail})` };
    case 'running':
      if (fifo === 'FAULT') return { role: 'backup', evidence, reason: `${absent}; keepalived reported FAULT` };
      if (fifo === 'STOP' || fifo === 'DELETED') return { role: 'inactive', evidence, reason: `${absent}; keepalived reported ${fifo}` };
      if (fifo === 'MASTER') return { role: 'backup', evidence, reason: `${absent} although keepalived reported MASTER` };
      return { role: 'backup', evidence };
  }
}
