import { describe, expect, it } from 'vitest';
import { feedItems, keysToMark, nearDeadline, withReadMarks, type FeedSources } from './feed.ts';

const now = new Date('2026-03-02T02:00:00Z');
const h = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
const contract = { id: 'ctr_1', number: 'HD-2026-000001', customerName: 'Công ty Sao Mai', totalVnd: 21_000_000n };
const none: FeedSources = { tasks: [], tickets: [], payments: [] };

describe('the notification feed', () => {
  it('lists every approval waiting, with its amount, whatever its deadline', () => {
    const [item] = feedItems({ ...none, tasks: [{ id: 'tsk_a', kind: 'approve_ctkv', openedAt: h(-1), dueAt: h(72), contract }] }, now);
    expect(item).toMatchObject({ key: 'task:tsk_a', kind: 'approval', link: '/contracts/ctr_1', ref: 'HD-2026-000001', subject: 'Công ty Sao Mai', amountVnd: 21_000_000n, overdue: false });
    expect(item.at).toEqual(h(-1));
  });

  it('lists other tasks only from a day before their deadline, and marks the late ones', () => {
    const tasks: FeedSources['tasks'] = [
      { id: 'far', kind: 'provision', openedAt: h(-1), dueAt: h(25), contract },
      { id: 'near', kind: 'provision', openedAt: h(-1), dueAt: h(23), contract },
      { id: 'late', kind: 'declare', openedAt: h(-30), dueAt: h(-2), contract },
    ];
    const items = feedItems({ ...none, tasks }, now);
    expect(items.map((i) => [i.key, i.kind, i.overdue])).toEqual([
      ['task:near', 'task_due', false],
      ['task:late', 'task_due', true],
    ]);
    expect(nearDeadline(h(24), now)).toBe(true);
    expect(nearDeadline(h(24.01), now)).toBe(false);
  });

  it('a breach is news again after the warning: its own key', () => {
    const ticket = { id: 'tkt_1', number: 'YC-2026-000001', subject: 'Không vào được phòng họp', warned: true, breached: false, dueAt: h(1) };
    const [warning] = feedItems({ ...none, tickets: [ticket] }, now);
    const [breach] = feedItems({ ...none, tickets: [{ ...ticket, breached: true }] }, now);
    expect(warning).toMatchObject({ key: 'ticket:tkt_1:warning', kind: 'sla_warning', link: '/tickets/tkt_1' });
    expect(breach).toMatchObject({ key: 'ticket:tkt_1:breach', kind: 'sla_breach', overdue: true });
    expect(feedItems({ ...none, tickets: [{ ...ticket, warned: false }] }, now)).toEqual([]);
  });

  it('payments received link their contract; the newest first', () => {
    const payments = [
      { id: 'pay_old', contractId: 'ctr_1', contractNumber: 'HD-1', customerName: 'A', amountVnd: 1n, paidAt: h(-48) },
      { id: 'pay_new', contractId: 'ctr_2', contractNumber: 'HD-2', customerName: 'B', amountVnd: 2n, paidAt: h(-1) },
    ];
    expect(feedItems({ ...none, payments }, now).map((i) => [i.key, i.kind, i.link])).toEqual([
      ['payment:pay_new', 'payment_received', '/contracts/ctr_2'],
      ['payment:pay_old', 'payment_received', '/contracts/ctr_1'],
    ]);
  });

  it('counts the unread; marks only keys of the feed', () => {
    const items = feedItems({ ...none, tasks: [{ id: 'a', kind: 'approve_ttcntt', openedAt: h(-1), dueAt: h(5), contract }, { id: 'b', kind: 'approve_ctkv', openedAt: h(-2), dueAt: h(5), contract }] }, now);
    const feed = withReadMarks(items, new Set(['task:a', 'task:gone']));
    expect(feed.unread).toBe(1);
    expect(feed.items.map((i) => i.read)).toEqual([true, false]);
    expect(keysToMark(['task:a', 'task:b'], { keys: ['task:b', 'task:b', 'task:zzz'] })).toEqual({ mark: ['task:b'], unknown: ['task:zzz'] });
    expect(keysToMark(['task:a', 'task:b'], { all: true })).toEqual({ mark: ['task:a', 'task:b'], unknown: [] });
  });
});
