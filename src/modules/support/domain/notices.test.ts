import { describe, expect, it } from 'vitest';
import { breachManagers, clockLabel, commandText, formatDateTime, visibleToCustomer } from './notices.ts';

describe('ticket notices', () => {
  it('a breach goes to the next level up: CTKV → its director and GPTH; TT CNTT or the total → TT CNTT\'s', () => {
    expect(breachManagers('receiver')).toEqual(['product_ctkv', 'approver_ctkv']);
    expect(breachManagers('ctkv')).toEqual(['approver_ctkv', 'gpth']);
    expect(breachManagers('ttcntt')).toEqual(['approver_ttcntt', 'gpth']);
    expect(breachManagers('total')).toEqual(['approver_ttcntt', 'gpth']);
  });

  it('the customer sees answers, questions, replies and reviews, not the desk\'s internal moves', () => {
    expect(['resolve', 'request_info', 'customer_replied', 'review_not_satisfied'].every(visibleToCustomer)).toBe(true);
    expect(['forward', 'reclassify', 'update_progress', 'auto_close'].some(visibleToCustomer)).toBe(false);
  });

  it('each command carries its own text', () => {
    expect(commandText({ event: 'forward', reason: 'cần TT CNTT' })).toBe('cần TT CNTT');
    expect(commandText({ event: 'request_info', question: 'Số hợp đồng?' })).toBe('Số hợp đồng?');
    expect(commandText({ event: 'review_satisfied' })).toBeNull();
    expect(commandText({ event: 'auto_close' })).toBeNull();
  });

  it('dates read in Hà Nội time, whatever the machine\'s zone', () => {
    expect(formatDateTime(new Date('2026-03-09T17:30:00Z'))).toBe('10/03/2026 00:30');
    expect(formatDateTime(null)).toBe('—');
    expect(clockLabel('total')).toBe('tổng thời gian');
    expect(clockLabel('ctkv')).not.toBe('ctkv');
  });
});
