import { describe, expect, it } from 'vitest';
import { servingPromotion, stopFailedPromotion } from '../live/promotion-samples.js';
import { COMMAND_OUTPUT_LINES, formatPromotionDescribe, promotionHappenings } from './describe-promotion.js';
import { formatPromotionTable } from './promotion-table.js';

const now = Date.parse('2024-05-01T12:00:10.000Z');

describe('routerctl › describe a promotion', () => {
  it('routerctl › a heal says so; a promotion that never ran a command or reconciled says <none>', () => {
    const heal = { ...servingPromotion, lastReconcile: { ...servingPromotion.lastReconcile!, trigger: 'heal' as const } };
    expect(formatPromotionDescribe(heal, now)).toContain('  Trigger:   heal (a handback while serving)\n');
    expect(promotionHappenings(heal)[0]?.text).toBe('heal: merged 40 leases from router-b, 1 conflicts');
    const { lastCommand: _c, lastReconcile: _r, message: _m, ...bare } = servingPromotion;
    const text = formatPromotionDescribe(bare, now);
    expect(text).toContain('Message:          <none>\n');
    expect(text).toContain('Last Command:     <none>\nLast Reconcile:   <none>\n');
    expect(promotionHappenings(bare)).toEqual([{ at: servingPromotion.lastTransitionAt, text: 'phase Serving' }]);
  });

  it('routerctl › long command output keeps its last lines and says how many were left out; a command that did not exit says so', () => {
    const output = Array.from({ length: COMMAND_OUTPUT_LINES + 3 }, (_, i) => `line ${i + 1}`).join('\n');
    const { exitCode: _e, ...killed } = stopFailedPromotion.lastCommand!;
    const text = formatPromotionDescribe({ ...stopFailedPromotion, lastCommand: { ...killed, output } }, now);
    expect(text).toContain('  Output:\n    [… 3 earlier lines]\n    line 4\n');
    expect(text).not.toContain('line 3\n');
    expect(text).toContain('  Exit Code:  <none> (could not run, timed out or killed)\n');
    expect(promotionHappenings({ ...stopFailedPromotion, lastCommand: { ...killed, output } }).map((h) => h.text)).toContain('systemctl stop dnsmasq-routerd.service did not exit after 45ms');
  });

  it('routerctl › get promotions with none says so', () => {
    expect(formatPromotionTable([], now)).toBe('no DHCPServerPromotions found\n');
  });
});
