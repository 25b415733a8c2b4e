import { describe, expect, it } from 'vitest';
import { fieldChanges, referencedIds } from './timeline.ts';

describe('the readable timeline of a contract', () => {
  it('lists the fields that changed, without bookkeeping columns, with ids renamed', () => {
    const before = { status: 'awaiting_payment', paidAt: null, ctkvApprovedBy: null, version: 3, updatedAt: '2026-12-01T00:00:00.000Z' };
    const after = { status: 'active', paidAt: '2026-12-06T00:05:27.000Z', ctkvApprovedBy: 'usr_01A', version: 4, updatedAt: '2026-12-06T00:05:27.000Z' };
    const names: Record<string, string> = { usr_01A: 'Nguyễn Văn Duyệt' };
    expect(fieldChanges(before, after, (v) => names[v] ?? v)).toEqual([
      { field: 'status', from: 'awaiting_payment', to: 'active' },
      { field: 'paidAt', from: null, to: '2026-12-06T00:05:27.000Z' },
      { field: 'ctkvApprovedBy', from: null, to: 'Nguyễn Văn Duyệt' },
    ]);
  });

  it('gives nothing for a creation, an unchanged field or a nested document', () => {
    expect(fieldChanges(null, { status: 'draft' })).toEqual([]);
    expect(fieldChanges({ note: 'a' }, { note: 'a' })).toEqual([]);
    expect(fieldChanges({ settlement: null, extra: { a: 1 } }, { settlement: { refundVnd: '1' }, extra: { a: 2 } })).toEqual([]);
  });

  it('finds the user and customer ids an entry mentions', () => {
    expect(referencedIds([{ by: 'usr_1', customerId: 'cus_2', status: 'x' }, null, { to: 'usr_3' }])).toEqual({ users: ['usr_1', 'usr_3'], customers: ['cus_2'] });
  });
});
