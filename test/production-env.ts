import { readFileSync } from 'node:fs';

/** deploy/production.env.example as an environment. */
export function productionExample(): Record<string, string> {
  const text = readFileSync(new URL('../deploy/production.env.example', import.meta.url), 'utf8');
  return Object.fromEntries(
    text
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}
