import { describe, expect, it } from 'vitest';
import { newId } from './ids.ts';

describe('prefixed ids', () => {
  it('carry their kind and sort by creation time', () => {
    const a = newId('user', new Date('2026-01-01T00:00:00Z'));
    const b = newId('user', new Date('2026-01-01T00:00:00.001Z'));
    expect(a).toMatch(/^usr_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(a < b).toBe(true);
    expect(newId('session')).toMatch(/^ses_/);
    // Several refills of the random pool: still all distinct, and every base32 digit appears in the random part.
    const ids = Array.from({ length: 5000 }, () => newId('job'));
    expect(new Set(ids).size).toBe(5000);
    expect(new Set(ids.flatMap((id) => [...id.slice(14)])).size).toBe(32);
  });
});
