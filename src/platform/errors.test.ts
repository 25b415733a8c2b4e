import { describe, expect, it } from 'vitest';
import { defineErrors, exitCodeFor, fail, KERNEL_ERRORS } from './errors.ts';

describe('coded errors', () => {
  it('every kernel code has a status and distinct messages in both languages', () => {
    for (const [code, def] of Object.entries(KERNEL_ERRORS)) {
      expect(def.status, code).toBeGreaterThanOrEqual(400);
      expect(def.vi.length, code).toBeGreaterThan(3);
      expect(def.en.length, code).toBeGreaterThan(3);
      expect(def.vi, code).not.toBe(def.en);
    }
  });

  it('a generic error keeps each language whole, with its reason after the general message', () => {
    const e = fail('VALIDATION_FAILED', { unit: 'x' }, { vi: 'không có đơn vị x', en: 'unknown org unit x' });
    expect(e.localizedMessage('vi')).toBe('Dữ liệu không hợp lệ: không có đơn vị x');
    expect(e.localizedMessage('en')).toBe('Invalid input: unknown org unit x');
    expect([e.code, e.status, e.details]).toEqual(['VALIDATION_FAILED', 400, { unit: 'x' }]);
    expect(fail('NOT_FOUND').localizedMessage('vi')).toBe('Không tìm thấy');
  });

  it("a module's codes take parameters, which travel as details", () => {
    const oops = defineErrors({
      TOO_MANY: { status: 409, vi: (p: { n: number }) => `Quá ${p.n} mục`, en: (p: { n: number }) => `More than ${p.n} items` },
      PLAIN: { status: 404, vi: 'Không có', en: 'Missing' },
    });
    const e = oops('TOO_MANY', { n: 3 });
    expect([e.code, e.status, e.localizedMessage('vi'), e.localizedMessage('en'), e.details]).toEqual(['TOO_MANY', 409, 'Quá 3 mục', 'More than 3 items', { n: 3 }]);
    expect(oops('PLAIN').details).toBeUndefined();
  });

  it('maps statuses to CLI exit codes', () => {
    const cases: [number, number][] = [[400, 2], [403, 3], [404, 4], [409, 5], [500, 1]];
    for (const [status, exit] of cases) expect(exitCodeFor(status)).toBe(exit);
  });
});
