import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestSystem, noDatabase, type TestSystem } from '../../test/system.ts';
import { JobQueue, retryDelayMs } from './jobs.ts';

describe.skipIf(noDatabase)('durable jobs and outbox', () => {
  let s: TestSystem;
  beforeAll(async () => {
    s = await createTestSystem();
  });
  afterAll(() => s?.close());

  it('a job key makes scheduling idempotent', async () => {
    const q = new JobQueue(s.database, s.clock);
    const ran: unknown[] = [];
    q.register('test.key', async (p) => void ran.push(p));
    expect(await q.enqueue(s.database.db, { queue: 'test.key', key: 'remind:ctr_1:2026-03-02', payload: { n: 1 } })).toMatch(/^job_/);
    expect(await q.enqueue(s.database.db, { queue: 'test.key', key: 'remind:ctr_1:2026-03-02', payload: { n: 2 } })).toBeNull();
    expect(await q.drain()).toBe(1);
    expect(ran).toEqual([{ n: 1 }]);
  });

  it('timers wait for their time on the clock', async () => {
    const q = new JobQueue(s.database, s.clock);
    const ran: string[] = [];
    q.register('test.timer', async (p: { id: string }) => void ran.push(p.id));
    await q.enqueue(s.database.db, { queue: 'test.timer', payload: { id: 'later' }, runAt: new Date(s.clock.now().getTime() + 3_600_000) });
    expect(await q.drain()).toBe(0);
    s.clock.advanceMinutes(60);
    expect(await q.drain()).toBe(1);
    expect(ran).toEqual(['later']);
  });

  it('a failing job is retried with backoff, then given up as dead with its error', async () => {
    const q = new JobQueue(s.database, s.clock);
    let calls = 0;
    q.register('test.fail', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    const id = await q.enqueue(s.database.db, { queue: 'test.fail', payload: {}, maxAttempts: 3 });
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect(await q.runDue()).toBe(1);
      s.clock.advance(retryDelayMs(attempt));
    }
    expect(await q.runDue()).toBe(0);
    expect(calls).toBe(3);
    const [row] = await s.database.rows<{ status: string; attempts: number; last_error: string }>(sql`select status, attempts, last_error from platform.jobs where id = ${id}`);
    expect(row).toMatchObject({ status: 'dead', attempts: 3, last_error: 'boom 3' });
  });

  it('two workers racing over the same jobs run each exactly once', async () => {
    const counts = new Map<number, number>();
    const workers = [new JobQueue(s.database, s.clock), new JobQueue(s.database, s.clock)];
    for (const w of workers) {
      w.register('test.race', async (p: { n: number }) => {
        counts.set(p.n, (counts.get(p.n) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 2));
      });
    }
    for (let n = 0; n < 100; n++) await workers[0].enqueue(s.database.db, { queue: 'test.race', payload: { n } });
    await Promise.all(workers.map((w) => w.drain()));
    expect(counts.size).toBe(100);
    expect([...counts.values()].every((c) => c === 1)).toBe(true);
  });

  it('the background worker works through a backlog without waiting between full batches, several jobs at a time', async () => {
    const q = new JobQueue(s.database, s.clock);
    let inFlight = 0;
    let most = 0;
    const done = new Set<number>();
    q.register('test.backlog', async (p: { n: number }) => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      done.add(p.n);
    });
    for (let n = 0; n < 100; n++) await q.enqueue(s.database.db, { queue: 'test.backlog', payload: { n } });
    // An hour between polls: only the re-poll after a full batch can get through the hundred.
    q.start(3_600_000, 4);
    try {
      await expect.poll(() => done.size, { timeout: 20_000, interval: 50 }).toBe(100);
    } finally {
      await q.stop();
    }
    expect(most).toBe(4);
  });
});
