/**
 * Issue 10, faults: PostgreSQL itself is restarted (immediate stop, as a crash) while payments are
 * confirmed and their e-mails go out. The server keeps running: its connections recover, its jobs
 * resume, nothing is lost or applied twice. PostgreSQL only (a private cluster, so the other test
 * files' database is not disturbed).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startCluster, type Cluster } from '../setup/postgres.ts';
import { driver, noDatabase } from '../system.ts';
import { confirmAll, drainMail, expectAppliedOnce, inspect, placeOrders, startStream } from './payment-stream.ts';
import { prng } from '../prng.ts';

const PAYMENTS = Number(process.env.FAULT_PAYMENTS ?? 1_000) / 2;
const RESTARTS = 2;

describe.runIf(driver === 'postgres' && !noDatabase)('PostgreSQL restarted while payments and e-mails flow', () => {
  const cleanup: (() => Promise<unknown> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it(`applies each of ${PAYMENTS} payments exactly once across ${RESTARTS} database restarts; the server never restarts`, { timeout: 900_000 }, async () => {
    const seed = Number(process.env.FAULT_SEED ?? Date.now() % 100_000);
    const rnd = prng(seed).next;
    const cluster: Cluster = await startCluster();
    cleanup.push(() => cluster.stop());
    const stream = await startStream(cluster.url);
    cleanup.push(() => stream.close());
    const pid = stream.server().pid;

    const orders = await placeOrders(stream, PAYMENTS);
    const restartsAt = Array.from({ length: RESTARTS }, () => Math.floor(rnd() * PAYMENTS * 0.9));
    const struck = await confirmAll(stream, orders, restartsAt, async () => cluster.restart('immediate'));
    await drainMail(stream);
    expect(stream.server().pid, 'the same server process throughout').toBe(pid);
    expect((await fetch(`${stream.server().url}/healthz`)).status).toBe(200);
    await stream.server().stop();

    const s = await inspect({ url: cluster.url });
    cleanup.push(() => s.close());
    const { emails, resent } = await expectAppliedOnce(s, orders, stream.sink, RESTARTS * 4);
    console.log(`PostgreSQL restart (FAULT_SEED=${seed}): ${PAYMENTS} payments, restarted after ${struck.join(', ')} answers; ${emails} e-mails, ${resent} resent copies`);
  });
});
