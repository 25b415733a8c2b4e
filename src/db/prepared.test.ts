import { describe, expect, it } from 'vitest';
import { textName } from './prepared.ts';

describe('textName', () => {
  it('names a text the second time it comes, keeps that name, and never names a long one', () => {
    const text = `insert into t (a) values ($1) -- ${Math.random()}`;
    expect(textName(text)).toBeUndefined();
    const name = textName(text);
    expect(name).toMatch(/^qldv_text_\d+$/);
    expect(textName(text)).toBe(name);
    expect(textName(`select 1 -- other ${Math.random()}`)).toBeUndefined();
    const long = `select '${'x'.repeat(20_000)}'`;
    expect([textName(long), textName(long), textName(long)]).toEqual([undefined, undefined, undefined]);
  });
});
