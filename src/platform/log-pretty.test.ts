import { describe, expect, it } from 'vitest';
import { prettyDestination, prettyLine } from './log.ts';

describe('pretty log lines (development)', () => {
  it('shows the local time, the level, the simulator tag, the message and the other fields', () => {
    const line = prettyLine({ level: 30, time: Date.parse('2026-12-06T03:04:05Z'), pid: 1, hostname: 'h', sim: 'vnpay', msg: 'IPN sent', txnRef: 'PAY1', attempt: 2 });
    expect(line).toBe('10:04:05 INFO  [vnpay] IPN sent txnRef=PAY1 attempt=2');
  });

  it("puts an error's stack under the line", () => {
    const line = prettyLine({ level: 50, time: 0, msg: 'job failed', err: { message: 'boom', stack: 'Error: boom\n    at x' } });
    expect(line.split('\n')).toEqual(['07:00:00 ERROR job failed', '  Error: boom', '      at x']);
  });

  it('passes a line that is not JSON through unchanged', () => {
    const out: string[] = [];
    const d = prettyDestination({ write: (s: string) => out.push(s) });
    d.write('plain text\n');
    d.write('{"level":40,"time":0,"msg":"slow"}\n');
    expect(out).toEqual(['plain text\n', '07:00:00 WARN  slow\n']);
  });
});
