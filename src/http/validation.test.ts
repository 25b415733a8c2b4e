import { describe, expect, it } from 'vitest';
import { instant, localDate } from '../shared/fields.ts';
import { firstUncleanText, isCleanText } from './validation.ts';

describe('shared edge validation', () => {
  it('clean text is well-formed Unicode without NUL', () => {
    expect(isCleanText('Nguyễn Văn A 🙂')).toBe(true);
    expect(isCleanText('a\u0000b')).toBe(false);
    expect(isCleanText('\ud800')).toBe(false);
    expect(isCleanText('\udc00x')).toBe(false);
  });

  it('finds the first unclean string anywhere in a body, keys included, however deep', () => {
    expect(firstUncleanText({ a: ['ok', { b: 'x\u0000' }] }, 'body')).toBe('body.a.1.b');
    expect(firstUncleanText({ ['k\ud800']: 1 }, 'body')).toBe('body.<key>');
    expect(firstUncleanText({ n: 1, b: true, z: null, s: 'ổn' }, 'body')).toBeNull();
    let deep: unknown = 'bad\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(firstUncleanText(deep, 'body')).toMatch(/^body(\.0)+$/);
  });

  it('business dates are real dates in 2000–2100', () => {
    expect(localDate.safeParse('2026-02-28').success).toBe(true);
    for (const bad of ['2026-02-30', '0000-01-01', '1999-12-31', '2101-01-01', '9999-12-31']) expect(localDate.safeParse(bad).success, bad).toBe(false);
  });

  it('instants carry a zone and lie in 2000–2100', () => {
    expect(instant.parse('2026-03-02T08:00:00+07:00').toISOString()).toBe('2026-03-02T01:00:00.000Z');
    for (const bad of [-8.64e15, '2026-03-02T08:00:00', '0000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', 'yesterday']) expect(instant.safeParse(bad).success, String(bad)).toBe(false);
  });
});
