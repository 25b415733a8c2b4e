import { describe, expect, it } from 'vitest';
import { escapeLike } from './like.ts';

describe('escapeLike', () => {
  it('makes %, _ and \\ match themselves and leaves the rest', () => {
    expect(escapeLike('HD-2026-0001')).toBe('HD-2026-0001');
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});
