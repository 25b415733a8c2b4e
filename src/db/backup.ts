import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import type { Config } from '../config.ts';
import { pgliteExtensions } from './client.ts';

const run = promisify(execFile);

/**
 * Backups of the whole database. PGlite: its data directory as a gzipped tarball (dumpDataDir),
 * restored into an empty data directory (loadDataDir). PostgreSQL: pg_dump's custom format,
 * restored by pg_restore (--clean: the database ends up as the backup, whatever it held).
 */
export async function backupDatabase(cfg: Config['database'], file: string): Promise<void> {
  if (cfg.kind === 'pglite') {
    if (cfg.dataDir.startsWith('memory://')) throw new Error('an in-memory PGlite database has nothing to back up');
    const db = await PGlite.create(path.resolve(cfg.dataDir), { extensions: pgliteExtensions });
    try {
      const dump = await db.dumpDataDir('gzip');
      await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await db.close();
    }
    return;
  }
  await run(postgresTool('pg_dump'), ['--format=custom', '--no-owner', '--file', file, '--dbname', cfg.url]);
}

export async function restoreDatabase(cfg: Config['database'], file: string): Promise<void> {
  if (!existsSync(file)) throw new Error(`no backup at ${file}`);
  if (cfg.kind === 'pglite') {
    if (cfg.dataDir.startsWith('memory://')) throw new Error('restore into a data directory, not memory://');
    const dir = path.resolve(cfg.dataDir);
    if (existsSync(dir) && readdirSync(dir).length > 0) throw new Error(`${dir} is not empty: restore into a new QLDV_DATA_DIR, or move this one away first`);
    mkdirSync(dir, { recursive: true });
    const db = await PGlite.create(dir, { loadDataDir: new Blob([await readFile(file)]), extensions: pgliteExtensions });
    await db.close();
    return;
  }
  await run(postgresTool('pg_restore'), ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', '--dbname', cfg.url, file]);
}

/** pg_dump / pg_restore: on PATH, or the newest installed under /usr/lib/postgresql (Debian's layout). */
export function postgresTool(name: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) {
    const p = path.join(root, v, 'bin', name);
    if (existsSync(p)) return p;
  }
  return name;
}
