import { describe, expect, it } from 'vitest';
import { deriveRole, type KeepalivedObservation, type KernelObservation } from './derive-role.js';
import type { FifoState } from './fifo-line.js';
import { parseIpAddrJson } from '@routerd/agent';
import { IP_ADDR_ABSENT, IP_ADDR_PRESENT } from './testing/fixtures.js';

const vip = { address: '192.0.2.1/32', family: 'ipv4' as const, ifname: 'lan0', interface: 'lan' };
const present: KernelObservation = { ok: true, interfaces: parseIpAddrJson(IP_ADDR_PRESENT) };
const absent: KernelObservation = { ok: true, interfaces: parseIpAddrJson(IP_ADDR_ABSENT) };
const running: KeepalivedObservation = { state: 'running', pid: 4242 };
const stopped: KeepalivedObservation = { state: 'stopped', detail: 'no pid file /run/keepalived.pid' };
const unsure: KeepalivedObservation = { state: 'unknown', reason: 'cannot read /run/keepalived.pid: EACCES' };

describe('vip-watcher › role derivation', () => {
  const table: [string, KernelObservation, KeepalivedObservation, FifoState | undefined, string][] = [
    ['present, keepalived running', present, running, undefined, 'master'],
    ['present, keepalived stopped (the kernel is the authority)', present, stopped, undefined, 'master'],
    ['present, keepalived unknown', present, unsure, undefined, 'master'],
    ['present, FIFO says BACKUP', present, running, 'BACKUP', 'master'],
    ['present, FIFO says FAULT', present, running, 'FAULT', 'master'],
    ['present, FIFO says STOP', present, running, 'STOP', 'master'],
    ['absent, keepalived running', absent, running, undefined, 'backup'],
    ['absent, keepalived running, FIFO BACKUP', absent, running, 'BACKUP', 'backup'],
    ['absent, keepalived running, FIFO MASTER (the kernel wins)', absent, running, 'MASTER', 'backup'],
    ['absent, keepalived running, FIFO FAULT', absent, running, 'FAULT', 'backup'],
    ['absent, keepalived running, FIFO STOP', absent, running, 'STOP', 'inactive'],
    ['absent, keepalived running, FIFO DELETED', absent, running, 'DELETED', 'inactive'],
    ['absent, keepalived stopped', absent, stopped, undefined, 'inactive'],
    ['absent, keepalived stopped, stale FIFO BACKUP', absent, stopped, 'BACKUP', 'inactive'],
    ['absent, keepalived unknown', absent, unsure, undefined, 'unknown'],
    ['ip failed', { ok: false, reason: 'ip -j addr show exited with code 1' }, running, undefined, 'unknown'],
  ];
  it.each(table)('vip-watcher › %s → %s', (_name, kernel, keepalived, fifo, role) => {
    expect(deriveRole({ vip, kernel, keepalived, fifo }).role).toBe(role);
  });

  it('vip-watcher › says why a role is unknown', () => {
    expect(deriveRole({ vip, kernel: { ok: false, reason: 'ip -j addr show did not answer within 5000 ms' }, keepalived: running })).toEqual({
      role: 'unknown',
      evidence: ['kernel:unknown', 'keepalived:running'],
      reason: 'ip -j addr show did not answer within 5000 ms',
    });
    expect(deriveRole({ vip: { ...vip, ifname: 'lan9' }, kernel: present, keepalived: running })).toEqual({
      role: 'unknown',
      evidence: ['kernel:no-interface', 'keepalived:running'],
      reason: 'interface "lan9" (Interface/lan) does not exist',
    });
    expect(deriveRole({ vip, kernel: absent, keepalived: unsure }).reason).toBe(
      "192.0.2.1 is not on lan0 and keepalived's state is unknown: cannot read /run/keepalived.pid: EACCES",
    );
  });

  it('vip-watcher › records its evidence, FIFO included', () => {
    expect(deriveRole({ vip, kernel: absent, keepalived: running, fifo: 'FAULT' })).toEqual({
      role: 'backup',
      evidence: ['kernel:absent', 'keepalived:running', 'fifo:FAULT'],
      reason: '192.0.2.1 is not on lan0; keepalived reported FAULT',
    });
    expect(deriveRole({ vip, kernel: present, keepalived: running, fifo: 'MASTER' })).toEqual({
      role: 'master',
      evidence: ['kernel:present', 'keepalived:running', 'fifo:MASTER'],
    });
    expect(deriveRole({ vip, kernel: present, keepalived: running, fifo: 'FAULT' }).reason).toBe('192.0.2.1 is on lan0 although keepalived reported FAULT');
  });

  it('vip-watcher › IPv6 VIPs are matched in their family', () => {
    const v6 = { address: '2001:db8::1', family: 'ipv6' as const, ifname: 'lan0', interface: 'lan' };
    expect(deriveRole({ vip: v6, kernel: present, keepalived: running }).role).toBe('master');
    expect(deriveRole({ vip: v6, kernel: absent, keepalived: running }).role).toBe('backup');
  });
});
