import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../test/system.ts';
import { runCli } from './cli.ts';

const run = promisify(execFile);

describe.skipIf(noDatabase)('qldv CLI', () => {
  let s: TestSystem;
  beforeAll(async () => {
    s = await createTestSystem();
  });
  afterAll(() => s?.close());

  /** The commands run in this process on one booted system: what a spawned `qldv` does after its boot. */
  const qldv = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(args, { system: s, io: { out: (l) => out.push(l), err: (l) => err.push(l) } });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('db migrate, users create, calendar add-off-day and audit verify work with clear exit codes', async () => {
    expect(await qldv('db', 'migrate')).toMatchObject({ code: 0, out: expect.stringMatching(/migrations applied/) });

    const created = await qldv('users', 'create', '--username', 'kam9', '--password', 'Matkhau123', '--full-name', 'KAM Chín', '--email', 'kam9@example.vn', '--roles', 'kam', '--unit', 'CTKV9-KHDN');
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/created kam9 \(usr_/);
    const again = await qldv('users', 'create', '--username', 'kam9', '--password', 'Matkhau123', '--full-name', 'KAM Chín', '--email', 'kam9@example.vn', '--roles', 'kam');
    expect(again.code).toBe(5);
    expect(again.err).toMatch(/USERNAME_TAKEN/);
    expect((await qldv('users', 'create', '--username', 'x1', '--password', 'Matkhau123', '--full-name', 'X', '--email', 'x@example.vn', '--roles', 'king')).code).toBe(2);
    expect((await qldv('users', 'create', '--username', 'x1')).code).toBe(2);
    expect((await qldv('users', 'create', '--username', 'x1', '--password', 'Matkhau123', '--full-name', 'X', '--email', 'x@example.vn', '--roles', 'kam', '--unit', 'NOWHERE')).code).toBe(2);

    const off = await qldv('calendar', 'add-off-day', '2026-12-31', 'Nghỉ', 'cuối', 'năm');
    expect(off).toMatchObject({ code: 0 });
    expect(off.out).toMatch(/day off 2026-12-31 added/);
    expect(s.calendar.forUnit().isWorkingDay('2026-12-31')).toBe(false);
    expect((await qldv('calendar', 'add-off-day', '2026-13-45', 'Sai')).code).toBe(2);
    expect((await qldv('calendar', 'add-off-day', '2026-12-31', 'Trùng')).code).toBe(5);

    const ok = await qldv('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/audit chain OK: \d+ entries verified/);
  });

  it('collection run and commissions sync report what they did; a rerun does nothing', async () => {
    expect(await qldv('collection', 'run')).toMatchObject({ code: 0, out: '0 bills fell due, 0 contracts evaluated, 0 steps taken' });
    expect(await qldv('commissions', 'sync', '--period', '2026-02')).toMatchObject({ code: 0, out: '2026-02: 0 lines added' });
    expect((await qldv('commissions', 'sync', '--period', '2026-2')).code).toBe(2);
  });

  it('audit verify exits 5 when the chain was tampered with', async () => {
    await s.audit.seal(); // entry 5 is sealed: what is edited after that is caught
    const [row] = await s.database.rows<{ id: number; actor_name: string }>(sql`select id, actor_name from audit.entries where id = 5`);
    await s.database.rows(sql`alter table audit.entries disable trigger entries_append_only`);
    try {
      await s.database.rows(sql`update audit.entries set actor_name = 'someone else' where id = 5`);
      const broken = await qldv('audit', 'verify');
      expect(broken.code).toBe(5);
      expect(broken.err).toMatch(/BROKEN at entry 5/);
    } finally {
      // Put the entry and the trigger back: later tests see an intact, append-only trail.
      await s.database.rows(sql`update audit.entries set actor_name = ${row.actor_name} where id = 5`);
      await s.database.rows(sql`alter table audit.entries enable trigger entries_append_only`);
    }
    expect((await qldv('audit', 'verify')).code).toBe(0);
  });

  it("as a process (bin/qldv.mjs), it exits with the command's code and names the problem", async () => {
    // Booting a spawned qldv on a new database is covered by the production boot test (src/main.int.test.ts).
    const refused = await run(process.execPath, ['bin/qldv.mjs', 'users', 'create', '--username', 'x', '--password', 'Matkhau123', '--full-name', 'X', '--email', 'x@example.vn', '--roles', 'king'], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent' },
      timeout: 60_000,
    }).catch((e: { code: number; stderr: string }) => e);
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown roles: king/) });
  });
});
