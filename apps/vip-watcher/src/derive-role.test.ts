import { describe, expect, it } from 'vitest';
import { deriveRole, type KeepalivedObservation, type KernelObservation } from './derive-role.js';
import type { FifoState } from './fifo-line.js';
import { parseIpAddrJson } from '@routerd/agent';
import { IP_ADDR_ABSENT, IP_ADDR_PRESENT } from './testing/fixtures.js';

const vip = { address: '192.0.2.1/32', family: 'ipv4' as const, ifname: 'lan0', interface: 'lan', mode: 'vrrp' as const };
const staticVip = { ...vip, mode: 'static' as const };
const present: KernelObservation = { ok: true, interfaces: parseIpAddrJson(IP_ADDR_PRESENT) };
const absent: KernelObservation = { ok: true, interfaces: parseIpAddrJson(IP_ADDR_ABSENT) };
const running: KeepalivedObservation = { state: 'running', pid: 4242 };
const stopped: KeepalivedObservation = { state: 'stopped', detail: 'no pid file /run/keepalived.pid' };
const unsure: KeepalivedObservation = { state: 'unknown', reason: 'cannot read /run/keepalived.pid: EACCES' };

describe('vip-watcher › role derivation', () => {
  const table: [string, string, KernelObservation, KeepalivedObservation, FifoState | undefined][] = [
    ['present, keepalived running', 'master', present, running, undefined],
    ['present, keepalived stopped (nothing defends the address)', 'unknown', present, stopped, undefined],
    ['present, keepalived unknown', 'unknown', present, unsure, undefined],
    ['present, keepalived stopped, stale FIFO MASTER', 'unknown', present, stopped, 'MASTER'],
    ['present, FIFO says BACKUP', 'master', present, running, 'BACKUP'],
    ['present, FIFO says FAULT', 'master', present, running, 'FAULT'],
    ['present, FIFO says STOP', 'master', present, running, 'STOP'],
    ['absent, keepalived running', 'backup', absent, running, undefined],
    ['absent, keepalived running, FIFO BACKUP', 'backup', absent, running, 'BACKUP'],
    ['absent, keepalived running, FIFO MASTER (the kernel wins)', 'backup', absent, running, 'MASTER'],
    ['absent, keepalived running, FIFO FAULT', 'backup', absent, running, 'FAULT'],
    ['absent, keepalived running, FIFO STOP', 'inactive', absent, running, 'STOP'],
    ['absent, keepalived running, FIFO DELETED', 'inactive', absent, running, 'DELETED'],
    ['absent, keepalived stopped', 'inactive', absent, stopped, undefined],
    ['absent, keepalived stopped, stale FIFO BACKUP', 'inactive', absent, stopped, 'BACKUP'],
    ['absent, keepalived unknown', 'unknown', absent, unsure, undefined],
    ['ip failed', 'unknown', { ok: false, reason: 'ip -j addr show exited with code 1' }, running, undefined],
  ];
  it.each(table)('vip-watcher › vrrp: %s → %s', (_name, role, kernel, keepalived, fifo) => {
    expect(deriveRole({ vip, kernel, keepalived, fifo }).role).toBe(role);
  });

  const staticTable: [string, string, KernelObservation, KeepalivedObservation][] = [
    ['present, keepalived running', 'master', present, running],
    ['present, keepalived stopped (no keepalived owns a static VIP)', 'master', present, stopped],
    ['present, keepalived unknown', 'master', present, unsure],
    ['absent, keepalived stopped', 'inactive', absent, stopped],
  ];
  it.each(staticTable)('vip-watcher › static: %s → %s', (_name, role, kernel, keepalived) => {
    expect(deriveRole({ vip: staticVip, kernel, keepalived }).role).toBe(role);
  });

  it('vip-watcher › a vrrp VIP on the interface without a running keepalived is unknown, and says both', () => {
    expect(deriveRole({ vip, kernel: present, keepalived: stopped })).toEqual({
      role: 'unknown',
      evidence: ['kernel:present', 'keepalived:stopped'],
      reason: '192.0.2.1 is on lan0 but keepalived is not running (no pid file /run/keepalived.pid): nothing defends the address',
    });
    expect(deriveRole({ vip, kernel: present, keepalived: unsure })).toEqual({
      role: 'unknown',
      evidence: ['kernel:present', 'keepalived:unknown'],
      reason: "192.0.2.1 is on lan0 but keepalived's state is unknown: cannot read /run/keepalived.pid: EACCES",
    });
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
    const v6 = { address: '2001:db8::1', family: 'ipv6' as const, ifname: 'lan0', interface: 'lan', mode: 'vrrp' as const };
    expect(deriveRole({ vip: v6, kernel: present, keepalived: running }).role).toBe('master');
    expect(deriveRole({ vip: v6, kernel: absent, keepalived: running }).role).toBe('backup');
  });
});
