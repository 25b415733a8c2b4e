import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabaseUrl, noDatabase } from '../test/system.ts';
import { openDatabase } from './db/client.ts';

const run = promisify(execFile);

describe.skipIf(noDatabase)('qldv CLI', () => {
  let env: Record<string, string>;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'qldv-cli-'));
    const url = await freshDatabaseUrl();
    env = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', ...(url ? { DATABASE_URL: url } : { QLDV_DATA_DIR: path.join(dir, 'data') }) } as Record<string, string>;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const qldv = async (...args: string[]) => {
    try {
      const r = await run(process.execPath, ['bin/qldv.mjs', ...args], { env, timeout: 60_000 });
      return { code: 0, out: r.stdout, err: r.stderr };
    } catch (e) {
      const x = e as { code: number; stdout: string; stderr: string };
      return { code: x.code, out: x.stdout, err: x.stderr };
    }
  };

  it('db migrate, users create, calendar add-off-day and audit verify work with clear exit codes', async () => {
    expect(await qldv('db', 'migrate')).toMatchObject({ code: 0 });

    const created = await qldv('users', 'create', '--username', 'kam9', '--password', 'Matkhau123', '--full-name', 'KAM Chín', '--email', 'kam9@example.vn', '--roles', 'kam', '--unit', 'CTKV9-KHDN');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/created kam9 \(usr_/);
    const again = await qldv('users', 'create', '--username', 'kam9', '--password', 'Matkhau123', '--full-name', 'KAM Chín', '--email', 'kam9@example.vn', '--roles', 'kam');
    expect(again.code).toBe(5);
    expect(again.err).toMatch(/USERNAME_TAKEN/);
    expect((await qldv('users', 'create', '--username', 'x1', '--password', 'Matkhau123', '--full-name', 'X', '--email', 'x@example.vn', '--roles', 'king')).code).toBe(2);
    expect((await qldv('users', 'create', '--username', 'x1')).code).toBe(2);

    const off = await qldv('calendar', 'add-off-day', '2026-12-31', 'Nghỉ', 'cuối', 'năm');
    expect(off).toMatchObject({ code: 0 });
    expect(off.out).toMatch(/day off 2026-12-31 added/);
    expect((await qldv('calendar', 'add-off-day', '2026-13-45', 'Sai')).code).toBe(2);
    expect((await qldv('calendar', 'add-off-day', '2026-12-31', 'Trùng')).code).toBe(5);

    const ok = await qldv('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/audit chain OK: \d+ entries verified/);
  });

  it('audit verify exits 5 when the chain was tampered with', async () => {
    const database = await openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.QLDV_DATA_DIR });
    try {
      await database.rows(sql`alter table audit.entries disable trigger entries_append_only`);
      await database.rows(sql`update audit.entries set actor_name = 'someone else' where id = 5`);
    } finally {
      await database.close();
    }
    const broken = await qldv('audit', 'verify');
    expect(broken.code).toBe(5);
    expect(broken.err).toMatch(/BROKEN at entry 5/);
  });
});
