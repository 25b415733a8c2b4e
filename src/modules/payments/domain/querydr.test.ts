import { describe, expect, it } from 'vitest';
import { querydrOutcome } from './querydr.ts';

describe('querydr outcome of a pending attempt', () => {
  it('00 paid; 02, 04–07, 09 failed', () => {
    expect(querydrOutcome({ ok: true, transactionStatus: '00' })).toBe('success');
    for (const code of ['02', '04', '05', '06', '07', '09']) expect(querydrOutcome({ ok: true, transactionStatus: code }), code).toBe('failure');
  });

  it('01 (not finished), an unknown code or no answer settle nothing', () => {
    expect(querydrOutcome({ ok: true, transactionStatus: '01' })).toBe('pending');
    expect(querydrOutcome({ ok: true, transactionStatus: '08' })).toBe('pending');
    expect(querydrOutcome({ ok: false, transactionStatus: '00' })).toBe('pending');
  });
});
