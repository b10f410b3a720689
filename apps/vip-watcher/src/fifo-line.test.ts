import { describe, expect, it } from 'vitest';
import { parseFifoLine } from './fifo-line.js';

describe('vip-watcher › notify FIFO lines', () => {
  it('vip-watcher › parses the lines keepalived 2.2.7 writes', () => {
    expect(parseFifoLine('INSTANCE "LAN" BACKUP 150')).toEqual({ ok: true, value: { type: 'instance', name: 'LAN', state: 'BACKUP', priority: 150 } });
    expect(parseFifoLine('INSTANCE "lan_vip" MASTER 150')).toEqual({ ok: true, value: { type: 'instance', name: 'lan_vip', state: 'MASTER', priority: 150 } });
    for (const state of ['FAULT', 'STOP', 'DELETED']) {
      expect(parseFifoLine(`INSTANCE "LAN" ${state} 0`)).toMatchObject({ ok: true, value: { state } });
    }
    expect(parseFifoLine('GROUP "G1" MASTER 0')).toMatchObject({ ok: true, value: { type: 'group', name: 'G1' } });
    expect(parseFifoLine('INSTANCE "LAN" MASTER 150\r')).toMatchObject({ ok: true, value: { state: 'MASTER' } });
  });

  it('vip-watcher › ignores informational states', () => {
    expect(parseFifoLine('INSTANCE "LAN" MASTER_RX_LOWER_PRI 150')).toMatchObject({ ok: true, value: { type: 'ignored' } });
  });

  it('vip-watcher › rejects malformed lines, naming the expectation and the line', () => {
    expect(parseFifoLine('INSTANCE LAN MASTER 150')).toEqual({
      ok: false,
      error: 'keepalived notify FIFO: expected INSTANCE "<name>" <state> <priority>, found "INSTANCE LAN MASTER 150"',
    });
    expect(parseFifoLine('')).toEqual({ ok: false, error: 'keepalived notify FIFO: expected INSTANCE "<name>" <state> <priority>, found ""' });
    expect(parseFifoLine('INSTANCE "LAN" BOSS 150')).toEqual({
      ok: false,
      error: 'keepalived notify FIFO: expected a state of MASTER, BACKUP, FAULT, STOP, DELETED, found "BOSS" in "INSTANCE \\"LAN\\" BOSS 150"',
    });
    expect(parseFifoLine('INSTANCE "LAN" MASTER 999')).toMatchObject({ ok: false, error: expect.stringContaining('expected a priority 0-255, found 999') });
  });
});
