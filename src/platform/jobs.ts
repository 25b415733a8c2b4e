import { hostname } from 'node:os';
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { insertLater } from '../db/batch.ts';
import { updateWhere } from '../db/prepared.ts';
import type { Database, Executor } from '../db/client.ts';
import type { Clock } from './clock.ts';
import { newId } from './ids.ts';
import { redactError, safeMessage } from './log.ts';
import { jobs } from './schema.ts';

/**
 * Durable jobs in PostgreSQL (both drivers). `enqueue` inside a business transaction is the outbox:
 * the side effect happens if and only if the transaction commits. Delivery is at least once, so
 * handlers are idempotent; a job `key` makes scheduling itself idempotent across processes.
 */
export interface JobSpec {
  queue: string;
  payload: unknown;
  key?: string;
  runAt?: Date;
  maxAttempts?: number;
}

export type JobHandler = (payload: any, job: { id: string; attempt: number }) => Promise<void>;

export interface JobLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * How long a claimed job stays claimed without news from its worker: a worker renews the lease of the
 * jobs it runs every LEASE_MS / 4, so a long job keeps it, and a job whose process died (kill -9) is
 * taken over by another worker within a minute.
 */
const LEASE_MS = 60_000;

/** Exponential backoff: 30 s, 1 min, 2 min … capped at 1 h. */
export const retryDelayMs = (attempt: number): number => Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);

export class JobQueue {
  private handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<string>();
  private readonly workerId = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly log?: JobLogger,
  ) {}

  /** Returns the new job id, or null when a job with the same key already exists. */
  async enqueue(ex: Executor, spec: JobSpec): Promise<string | null> {
    const now = this.clock.now();
    const id = newId('job', now);
    const inserted = await ex
      .insert(jobs)
      .values({
        id,
        queue: spec.queue,
        key: spec.key ?? null,
        payload: spec.payload ?? {},
        runAt: spec.runAt ?? now,
        maxAttempts: spec.maxAttempts ?? 8,
        createdAt: now,
      })
      .onConflictDoNothing({ target: jobs.key })
      .returning({ id: jobs.id });
    return inserted[0]?.id ?? null;
  }

  /**
   * The same, when the caller needs no answer: held to the end of the transaction when it batches its
   * inserts (src/db/batch.ts), so a use case's jobs, outbox and audit go to PostgreSQL in one statement.
   */
  async enqueueLater(ex: Executor, spec: JobSpec): Promise<void> {
    const now = this.clock.now();
    const row = { id: newId('job', now), queue: spec.queue, key: spec.key ?? null, payload: spec.payload ?? {}, runAt: spec.runAt ?? now, maxAttempts: spec.maxAttempts ?? 8, createdAt: now };
    await insertLater(ex, jobs, row, { skipOn: jobs.key });
  }

  /**
   * One job per row of `rows` (a query answering a text `key` and a jsonb `payload`), in one
   * statement; keys that exist are skipped. Returns how many were new. A day's reconciliation
   * schedules a million e-invoices so, without a round trip each.
   */
  async enqueueQuery(ex: Executor, queue: string, rows: SQL, opts: { runAt?: Date; maxAttempts?: number } = {}): Promise<number> {
    const now = this.clock.now();
    // The batch shares the id's time and random part; each row's number ends its id (digits are ULID characters).
    const stem = newId('job', now).slice(0, -10);
    const res = (await ex.execute(sql`
      insert into platform.jobs (id, queue, key, payload, run_at, max_attempts, created_at)
      select ${stem} || lpad(r.n::text, 10, '0'), ${queue}, r.key, r.payload,
             ${(opts.runAt ?? now).toISOString()}::timestamptz, ${opts.maxAttempts ?? 8}, ${now.toISOString()}::timestamptz
        from (select q.key, q.payload, row_number() over () as n from (${rows}) q) r
      on conflict (key) do nothing`)) as unknown as { rowCount?: number | null; affectedRows?: number };
    return res.rowCount ?? res.affectedRows ?? 0;
  }

  register(queue: string, handler: JobHandler): void {
    if (this.handlers.has(queue)) throw new Error(`job queue ${queue} already has a handler`);
    this.handlers.set(queue, handler);
  }

  /**
   * Claims up to `limit` due jobs of the registered queues and runs them, `parallel` at a time (jobs
   * are independent: several processes run them side by side anyway); returns how many ran.
   */
  async runDue(limit = 10, parallel = 1): Promise<number> {
    const queues = [...this.handlers.keys()];
    if (queues.length === 0) return 0;
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + LEASE_MS);
    const claimed = await this.database.rows<{ id: string; queue: string; payload: unknown; attempts: number; max_attempts: number }>(sql`
      update platform.jobs set status = 'running', attempts = attempts + 1,
             locked_until = ${leaseUntil.toISOString()}::timestamptz, locked_by = ${this.workerId}
       where id in (
         select id from platform.jobs
          where queue in (${sql.join(queues.map((q) => sql`${q}`), sql`, `)})
            and ((status = 'pending' and run_at <= ${now.toISOString()}::timestamptz)
              or (status = 'running' and locked_until < ${now.toISOString()}::timestamptz
                  -- never one this worker still runs (a test clock may jump past its lease)
                  and id <> all(${sql.param([...this.inFlight])}::text[])))
          order by run_at
          limit ${limit}
          for update skip locked)
      returning id, queue, payload, attempts, max_attempts`);
    let next = 0;
    const lane = async () => {
      while (next < claimed.length) {
        const job = claimed[next++];
        this.inFlight.add(job.id);
        await this.runOne(job).finally(() => this.inFlight.delete(job.id));
      }
    };
    const heartbeat = setInterval(() => void this.renewLeases([...this.inFlight]), LEASE_MS / 4);
    try {
      await Promise.all(Array.from({ length: Math.min(parallel, claimed.length) }, lane));
    } finally {
      clearInterval(heartbeat);
    }
    return claimed.length;
  }

  private async renewLeases(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const until = new Date(this.clock.now().getTime() + LEASE_MS);
    await this.database.db
      .update(jobs)
      .set({ lockedUntil: until })
      .where(and(inArray(jobs.id, ids), eq(jobs.status, 'running'), eq(jobs.lockedBy, this.workerId)))
      .catch((err) => this.log?.warn({ err: redactError(err) }, 'job lease renewal failed'));
  }

  /** Runs due jobs until none is left (tests and the CLI use it to finish work deterministically). */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runDue();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  /**
   * Polls every `intervalMs`, or at once again while there is a backlog (a full batch came back):
   * a burst of a thousand payments' e-mails goes out at the speed of the mail server, not ten a second.
   */
  start(intervalMs = 1000, parallel = 4): void {
    if (this.timer) return;
    const BATCH = 20;
    const tick = () => {
      this.running = this.runDue(BATCH, parallel)
        .catch((err) => {
          this.log?.error({ err: redactError(err) }, 'job polling failed');
          return 0;
        })
        .then((ran) => {
          if (this.timer) this.timer = setTimeout(tick, ran === BATCH ? 0 : intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    const t = this.timer;
    this.timer = undefined;
    if (t) clearTimeout(t);
    await this.running;
  }

  private async runOne(job: { id: string; queue: string; payload: unknown; attempts: number; max_attempts: number }) {
    const handler = this.handlers.get(job.queue)!;
    try {
      await handler(job.payload, { id: job.id, attempt: job.attempts });
      const done = { status: 'done', finishedAt: this.clock.now(), lockedUntil: null, lastError: null };
      await updateWhere(this.database.db, jobs, done, { id: job.id, lockedBy: this.workerId });
    } catch (err) {
      const dead = job.attempts >= job.max_attempts;
      // Logged and stored without a failed query's values (they may be a password hash or personal data).
      const message = safeMessage(err);
      this.log?.warn({ jobId: job.id, queue: job.queue, attempt: job.attempts, err: redactError(err) }, dead ? 'job failed for good' : 'job failed, will retry');
      const now = this.clock.now();
      await this.database.db
        .update(jobs)
        .set({
          status: dead ? 'dead' : 'pending',
          runAt: new Date(now.getTime() + retryDelayMs(job.attempts)),
          lockedUntil: null,
          lastError: message.slice(0, 2000),
          finishedAt: dead ? now : null,
        })
        .where(and(eq(jobs.id, job.id), eq(jobs.lockedBy, this.workerId)));
    }
  }
}
