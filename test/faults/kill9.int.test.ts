/**
 * Issue 10, faults: the server is killed with -9 at random moments while FAULT_PAYMENTS (default
 * 1,000) VNPay payments are confirmed by IPN and their e-mails go out, and started again on the same
 * database: PostgreSQL, or a PGlite data directory (which must reopen cleanly). Afterwards every
 * payment is applied exactly once, nothing is half-applied, every e-mail went out, the audit chain verifies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { driver, freshDatabaseUrl, noDatabase } from '../system.ts';
import { confirmAll, drainMail, expectAppliedOnce, inspect, placeOrders, startStream } from './payment-stream.ts';
import { prng } from '../prng.ts';

const PAYMENTS = Number(process.env.FAULT_PAYMENTS ?? 1_000);
const KILLS = Number(process.env.FAULT_KILLS ?? 3);

describe.skipIf(noDatabase)(`kill -9 while payments and e-mails flow (${driver})`, () => {
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it(`applies each of ${PAYMENTS} payments exactly once across ${KILLS} kills, and sends each e-mail`, { timeout: 900_000 }, async () => {
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
    const rnd = prng(seed).next;
    const dataDir = driver === 'pglite' ? mkdtempSync(path.join(tmpdir(), 'qldv-kill9-')) : undefined;
    if (dataDir) cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const url = dataDir ? undefined : await freshDatabaseUrl();
    const stream = await startStream(dataDir ?? url!);
    cleanup.push(() => stream.close());

    const t0 = performance.now();
    const orders = await placeOrders(stream, PAYMENTS);
    const t1 = performance.now();
    const killsAt = Array.from({ length: KILLS }, () => Math.floor(rnd() * PAYMENTS * 0.9));
    const struck = await confirmAll(stream, orders, killsAt, () => stream.restartServer());
    const t2 = performance.now();
    await drainMail(stream);
    const t3 = performance.now();
    await stream.server().stop();

    const s = await inspect({ url, dataDir });
    cleanup.push(() => s.close());
    // At most the sends in flight at each kill go twice (four job lanes).
    const { emails, resent } = await expectAppliedOnce(s, orders, stream.sink, KILLS * 4);
    const secs = (a: number, b: number) => `${((b - a) / 1000).toFixed(0)} s`;
    console.log(
      `kill -9 (${driver}, FAULT_SEED=${seed}): ${PAYMENTS} payments, killed after ${struck.join(', ')} answers; ${emails} e-mails, ${resent} resent copies; ` +
        `orders ${secs(t0, t1)}, IPNs ${secs(t1, t2)}, e-mails drained ${secs(t2, t3)}`,
    );
  });
});
