import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KERNEL_ERRORS, type ErrorDef } from './platform/errors.ts';

const modulesDir = path.join(import.meta.dirname, 'modules');

/** Every catalogue: the kernel's and each module's `errors.ts` (any export made by `defineErrors`). */
async function catalogues(): Promise<[string, Record<string, ErrorDef<never>>][]> {
  const found: [string, Record<string, ErrorDef<never>>][] = [['kernel', KERNEL_ERRORS]];
  for (const m of readdirSync(modulesDir)) {
    const file = path.join(modulesDir, m, 'errors.ts');
    if (!existsSync(file)) continue;
    for (const value of Object.values(await import(file))) {
      if (typeof value === 'function' && 'codes' in value) found.push([m, value.codes as Record<string, ErrorDef<never>>]);
    }
  }
  return found;
}

describe('error codes across modules', () => {
  it('each code belongs to one catalogue, with a status and both languages', async () => {
    const owner = new Map<string, string>();
    for (const [where, codes] of await catalogues()) {
      for (const [code, def] of Object.entries(codes)) {
        expect(owner.get(code), `${code} is defined by ${owner.get(code)} and ${where}`).toBeUndefined();
        owner.set(code, where);
        expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
        expect(def.status, code).toBeGreaterThanOrEqual(400);
        expect(typeof def.vi === 'function' || def.vi.length > 3, code).toBe(true);
        expect(typeof def.en === 'function' || def.en.length > 3, code).toBe(true);
        if (typeof def.vi === 'string' && typeof def.en === 'string') expect(def.vi, code).not.toBe(def.en);
      }
    }
    expect(owner.size).toBeGreaterThan(Object.keys(KERNEL_ERRORS).length);
  });
});
