import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../test/system.ts';
import { createServer } from '../http/server.ts';
import { hashPassword } from '../modules/identity/index.ts';

describe.skipIf(noDatabase)('no secret in the logs when a query fails', () => {
  let s: TestSystem;
  let secret: string;
  const logLines: string[] = [];
  /** A real failing query carrying a password hash: no e-mail, so the NOT NULL check refuses the row. */
  const failingInsert = () =>
    s.database.db.execute(sql`insert into identity.users (id, username, password_hash, full_name, roles, created_at) values ('usr_leak', 'leak', ${secret}, 'Leak', '{}', now())`);

  beforeAll(async () => {
    s = await createTestSystem({ logLines });
    secret = await hashPassword('Bimat@2026');
  });
  afterAll(() => s?.close());

  it('the job runner logs and stores the failure without the parameters or the offending row', async () => {
    s.jobs.register('test.leak', () => failingInsert().then(() => undefined));
    const id = await s.jobs.enqueue(s.database.db, { queue: 'test.leak', payload: {} });
    const before = logLines.length;
    await s.jobs.runDue();
    const lines = logLines.slice(before);
    expect(lines.some((l) => l.includes('job failed, will retry') && l.includes('identity'))).toBe(true);
    expect(lines.join('\n')).not.toContain(secret);
    const [job] = await s.database.rows<{ last_error: string }>(sql`select last_error from platform.jobs where id = ${id}`);
    expect(job.last_error).toMatch(/^Failed query: insert into identity\.users/);
    expect(job.last_error).not.toContain(secret);
  });

  it("the server's error log of a 500 holds no parameter either", async () => {
    const lines: string[] = [];
    const app = await createServer({ logLevel: 'info', logDestination: { write: (l: string) => void lines.push(l) }, version: 'test' });
    app.get('/boom', async () => failingInsert());
    try {
      const res = await app.inject({ method: 'GET', url: '/boom' });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ error: { code: 'INTERNAL' } });
      const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'request failed');
      expect(logged.err.message).toMatch(/^Failed query: insert into identity\.users/);
      expect(lines.join('\n')).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
