import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CONFIG as c, evaluateRisk, type RiskFacts } from './risk.ts';

const calm: RiskFacts = { msisdn: '0901234567', amountVnd: 200_000n, ip: '10.0.0.1', bankCode: 'NCB', ordersInWindow: 1, failedInWindow: 0, numbersFromIp: 1, earlierPaid: 2 };

describe('E5 risk rules', () => {
  it('an ordinary payment scores nothing and is accepted', () => {
    expect(evaluateRisk(calm, c)).toEqual({ score: 0, hits: [], decision: 'accept' });
  });

  it('each rule fires just past its edge, not at it', () => {
    expect(evaluateRisk({ ...calm, ordersInWindow: 3 }, c).hits).toEqual([]);
    expect(evaluateRisk({ ...calm, ordersInWindow: 4 }, c).hits.map((h) => h.rule)).toEqual(['velocity']);
    expect(evaluateRisk({ ...calm, failedInWindow: 2 }, c).hits).toEqual([]);
    expect(evaluateRisk({ ...calm, failedInWindow: 3 }, c).hits.map((h) => h.rule)).toEqual(['failures']);
    expect(evaluateRisk({ ...calm, numbersFromIp: 3 }, c).hits).toEqual([]);
    expect(evaluateRisk({ ...calm, numbersFromIp: 4 }, c).hits.map((h) => h.rule)).toEqual(['shared_device']);
    expect(evaluateRisk({ ...calm, earlierPaid: 0, amountVnd: 4_999_999n }, c).hits).toEqual([]);
    expect(evaluateRisk({ ...calm, earlierPaid: 0, amountVnd: 5_000_000n }, c).hits.map((h) => h.rule)).toEqual(['large_first_payment']);
    expect(evaluateRisk({ ...calm, earlierPaid: 1, amountVnd: 9_000_000n }, c).hits).toEqual([]);
  });

  it('rejects once the scores add up to the threshold', () => {
    const one = evaluateRisk({ ...calm, ordersInWindow: 4 }, c);
    expect(one).toMatchObject({ score: 40, decision: 'accept' });
    const two = evaluateRisk({ ...calm, ordersInWindow: 4, numbersFromIp: 5 }, c);
    expect(two).toMatchObject({ score: 100, decision: 'reject' });
  });

  it('a blacklisted number, address or card bank is rejected outright', () => {
    const listed = { ...c, blacklist: { msisdns: ['0901234567'], ips: ['10.9.9.9'], bankCodes: ['FRAUDBANK'], score: 100 } };
    expect(evaluateRisk(calm, listed)).toMatchObject({ decision: 'reject', hits: [{ rule: 'blacklist', detail: 'number 0901234567' }] });
    expect(evaluateRisk({ ...calm, msisdn: '0931234567', ip: '10.9.9.9' }, listed).decision).toBe('reject');
    expect(evaluateRisk({ ...calm, msisdn: '0931234567', bankCode: 'FRAUDBANK' }, listed).decision).toBe('reject');
    expect(evaluateRisk({ ...calm, msisdn: '0931234567', bankCode: null }, listed).decision).toBe('accept');
  });

  it('the rules are data: a lower threshold or other scores change the verdict', () => {
    const strict = { ...c, threshold: 30 };
    expect(evaluateRisk({ ...calm, earlierPaid: 0, amountVnd: 6_000_000n }, strict).decision).toBe('reject');
    const lenient = { ...c, velocity: { maxOrders: 10, score: 40 } };
    expect(evaluateRisk({ ...calm, ordersInWindow: 5 }, lenient).hits).toEqual([]);
  });
});
