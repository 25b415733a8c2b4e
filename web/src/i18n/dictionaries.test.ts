import { describe, expect, it } from 'vitest';
import { dictionaries, TEXT_PARTS } from './dictionaries.ts';

const parts = Object.entries(TEXT_PARTS) as [string, { vi: Record<string, string>; en: Record<string, string> }][];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI texts', () => {
  it.each(parts)('%s gives the English of exactly the Vietnamese keys', (_, part) => {
    expect(Object.keys(part.en).sort()).toEqual(Object.keys(part.vi).sort());
  });

  it.each(parts)('%s has no empty text and the same placeholders in both languages', (_, part) => {
    for (const [key, vi] of Object.entries(part.vi)) {
      const en = part.en[key];
      expect(vi.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(placeholders(en), key).toEqual(placeholders(vi));
    }
  });

  it("gives each key's first segment to one part only, so every text has one place", () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [name, part] of parts) {
      for (const segment of new Set(Object.keys(part.vi).map((key) => key.split('.')[0]))) {
        const other = owner.get(segment);
        if (other) clashes.push(`${segment}: ${other} and ${name}`);
        owner.set(segment, name);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('merges every part into one dictionary per language', () => {
    const total = parts.reduce((n, [, part]) => n + Object.keys(part.vi).length, 0);
    expect(Object.keys(dictionaries.vi)).toHaveLength(total);
    expect(Object.keys(dictionaries.en).sort()).toEqual(Object.keys(dictionaries.vi).sort());
    expect(dictionaries.vi['common.save']).toBe('Lưu');
    expect(dictionaries.en['common.save']).toBe('Save');
  });
});
