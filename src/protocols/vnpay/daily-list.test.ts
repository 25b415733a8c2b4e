import { describe, expect, it } from 'vitest';
import { DAILY_LIST_HEADER, csvField, dailyListLine, isDailyListHeader, parseDailyList } from './daily-list.ts';
import type { DailyListRow } from './protocol.ts';

const paid: DailyListRow = {
  txnRef: 'PAY001',
  transactionNo: '14000001',
  amount: '10000000',
  bankCode: 'NCB',
  payDate: '20260309235000',
  transactionStatus: '00',
  responseCode: '00',
};
const refund: DailyListRow = { ...paid, transactionNo: '14000002', amount: '5000000', transactionStatus: '05', transactionType: '03', requestId: 'RFD1' };

describe('the daily list file (CSV)', () => {
  it('writes a row per line in the header’s order and reads it back', () => {
    const text = `${DAILY_LIST_HEADER}\n${dailyListLine(paid)}${dailyListLine(refund)}`;
    expect(text).toBe(
      'txnRef,transactionNo,amount,bankCode,payDate,transactionStatus,responseCode,transactionType,requestId\n' +
        'PAY001,14000001,10000000,NCB,20260309235000,00,00,,\n' +
        'PAY001,14000002,5000000,NCB,20260309235000,05,00,03,RFD1\n',
    );
    expect(parseDailyList(text)).toEqual([paid, refund]);
  });

  it('quotes only what must be quoted, and reads quotes, a BOM, CRLF line ends and a missing last line end', () => {
    expect(csvField('NCB')).toBe('NCB');
    expect(csvField('A,"B"')).toBe('"A,""B"""');
    const odd = { ...paid, bankCode: 'A,"B"\nC' };
    expect(parseDailyList(`${DAILY_LIST_HEADER}\n${dailyListLine(odd)}`)).toEqual([odd]);
    const crlf = `\uFEFF${DAILY_LIST_HEADER}\r\nPAY001,14000001,10000000,NCB,20260309235000,00,00,,\r\nPAY002,0,500000,,,01,,,`;
    expect(parseDailyList(crlf).map((r) => [r.txnRef, r.amount, r.transactionStatus])).toEqual([
      ['PAY001', '10000000', '00'],
      ['PAY002', '500000', '01'],
    ]);
    expect(isDailyListHeader(`\uFEFF${DAILY_LIST_HEADER}\r`)).toBe(true);
    expect(parseDailyList(`${DAILY_LIST_HEADER}\n`)).toEqual([]);
  });

  it('refuses what is not a daily list, naming the line', () => {
    expect(() => parseDailyList('[{"txnRef":"PAY001"}]')).toThrow(/first line must be/);
    expect(() => parseDailyList(`${DAILY_LIST_HEADER}\nPAY001,1,100\n`)).toThrow(/line 2: 3 fields, expected 9/);
    expect(() => parseDailyList(`${DAILY_LIST_HEADER}\n${dailyListLine(paid)}PAY002,1,12a,NCB,,00,00,,\n`)).toThrow(/line 3: amount must be digits/);
    expect(() => parseDailyList(`${DAILY_LIST_HEADER}\n,1,100,NCB,,00,00,,\n`)).toThrow(/line 2: txnRef is empty/);
    expect(() => parseDailyList(`${DAILY_LIST_HEADER}\n"PAY001,1,100,NCB,,00,00,,\n`)).toThrow(/line 2: a quoted field is not closed/);
    expect(() => parseDailyList(`${DAILY_LIST_HEADER}\nPA"Y,1,100,NCB,,00,00,,\n`)).toThrow(/line 2: a quote inside an unquoted field/);
  });
});
