import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_VARIABLES, REQUIRED_IN_PRODUCTION } from './config.ts';

/** The README's configuration table: each variable named in a row's first cell → that row's production cell. */
function configurationTable(): Map<string, string> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## Configure it'), readme.indexOf('### Pointing at real systems'));
  const rows = new Map<string, string>();
  for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
    const [names, , production] = line.split('|').slice(1).map((c) => c.trim());
    for (const [, name] of names.matchAll(/`([A-Z_]+)`/g)) rows.set(name, production);
  }
  return rows;
}

describe('README', () => {
  it('the configuration table names every variable and marks each one production requires', () => {
    const table = configurationTable();
    expect(ENV_VARIABLES.filter((v) => !table.has(v))).toEqual([]);
    expect(REQUIRED_IN_PRODUCTION.filter((v) => table.get(v) !== '**required**')).toEqual([]);
    expect([...table].filter(([v, p]) => p === '**required**' && !(REQUIRED_IN_PRODUCTION as readonly string[]).includes(v))).toEqual([]);
  });
});
