import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, exitCodeFor, type ErrorCode } from './errors.ts';

describe('coded errors', () => {
  it('every code has a status and messages in both languages', () => {
    for (const [code, def] of Object.entries(ERROR_CODES)) {
      expect(def.status, code).toBeGreaterThanOrEqual(400);
      expect(def.vi.length, code).toBeGreaterThan(3);
      expect(def.en.length, code).toBeGreaterThan(3);
      expect(def.vi, code).not.toBe(def.en);
    }
  });

  it('localises, keeping a specific detail after the general message', () => {
    expect(new AppError('NOT_FOUND').localizedMessage('vi')).toBe('Không tìm thấy');
    expect(new AppError('VALIDATION_FAILED', undefined, 'unknown org unit x').localizedMessage('en')).toBe('Invalid input: unknown org unit x');
  });

  it('maps codes to CLI exit codes', () => {
    const cases: [ErrorCode, number][] = [['VALIDATION_FAILED', 2], ['FORBIDDEN', 3], ['NOT_FOUND', 4], ['CONFLICT', 5], ['INTERNAL', 1]];
    for (const [code, exit] of cases) expect(exitCodeFor(code)).toBe(exit);
  });
});
