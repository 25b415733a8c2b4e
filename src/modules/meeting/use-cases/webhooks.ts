import { randomBytes } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import type { Ctx } from '../../../platform/context.ts';
import { newId } from '../../../platform/ids.ts';
import { deliveries, webhooks } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { webhookSignature } from '../domain/signing.ts';
import { meetingError } from '../errors.ts';
import { callerAdminOrg } from '../queries.ts';

export const WEBHOOK_QUEUE = 'meeting.webhook';
/** Tries before a delivery is marked failed (backoff 30 s, 1, 2, 4, 8 min). */
export const WEBHOOK_ATTEMPTS = 6;
const TIMEOUT_MS = 10_000;

/** In the event's transaction: one delivery row per meeting and event, and its job (the outbox). */
export async function queueWebhook(d: Deps, tx: Executor, m: { id: string; organisationId: string }, event: string, data: Record<string, unknown>) {
  const [hook] = await tx.select({ url: webhooks.url }).from(webhooks).where(eq(webhooks.organisationId, m.organisationId));
  if (!hook) return;
  const now = d.clock.now();
  const id = newId('meetingDelivery', now);
  const payload = { id, event, organisationId: m.organisationId, occurredAt: now.toISOString(), data };
  const [row] = await tx
    .insert(deliveries)
    .values({ id, organisationId: m.organisationId, meetingId: m.id, event, payload, status: 'pending', createdAt: now })
    .onConflictDoNothing()
    .returning({ id: deliveries.id });
  if (row) await d.jobs.enqueue(tx, { queue: WEBHOOK_QUEUE, key: `${WEBHOOK_QUEUE}:${id}`, payload: { deliveryId: id }, maxAttempts: WEBHOOK_ATTEMPTS });
}

/**
 * The delivery job, outside any transaction: POST the event with its signature
 * (`X-Meeting-Signature: t=…,v1=hex HMAC-SHA256("<t>.<body>")`) and `Idempotency-Key: <delivery id>`;
 * a non-2xx answer or a network error throws, so the job retries with backoff.
 */
export async function deliverWebhook(d: Deps, deliveryId: string, attempt: number) {
  const [row] = await d.database.db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
  if (!row || row.status === 'delivered') return;
  const [hook] = await d.database.db.select().from(webhooks).where(eq(webhooks.organisationId, row.organisationId));
  if (!hook) return;
  const body = JSON.stringify(row.payload);
  const t = Math.floor(d.clock.now().getTime() / 1000);
  let error: string | null = null;
  try {
    const res = await (d.fetch ?? fetch)(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-meeting-event': row.event,
        'x-meeting-signature': webhookSignature(hook.secret, t, body),
        'idempotency-key': row.id,
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!res.ok) error = `HTTP ${res.status}`;
  } catch (err) {
    error = err instanceof Error ? err.message : String(err);
  }
  const failed = error !== null;
  await d.database.db
    .update(deliveries)
    .set({
      attempts: attempt,
      lastError: error,
      status: !failed ? 'delivered' : attempt >= WEBHOOK_ATTEMPTS ? 'failed' : 'pending',
      deliveredAt: failed ? null : d.clock.now(),
    })
    .where(eq(deliveries.id, row.id));
  if (failed && attempt < WEBHOOK_ATTEMPTS) throw new Error(`webhook ${row.id}: ${error}`);
}

/** The admin sets the endpoint; a new secret is made and shown once (rotating it is setting the URL again). */
export async function setWebhook(d: Deps, ctx: Ctx, url: string) {
  const { org } = await callerAdminOrg(d, ctx);
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw meetingError('WEBHOOK_URL_INVALID');
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const now = d.clock.now();
  await d.database.db.transaction(async (tx) => {
    await tx
      .insert(webhooks)
      .values({ organisationId: org.id, url, secret, updatedAt: now })
      .onConflictDoUpdate({ target: webhooks.organisationId, set: { url, secret, updatedAt: now } });
    await d.audit.record(tx, ctx, { action: 'meeting.webhook.set', entityType: 'meeting_org', entityId: org.id, after: { url } });
  });
  return { url, secret };
}

export async function removeWebhook(d: Deps, ctx: Ctx) {
  const { org } = await callerAdminOrg(d, ctx);
  await d.database.db.transaction(async (tx) => {
    await tx.delete(webhooks).where(eq(webhooks.organisationId, org.id));
    await d.audit.record(tx, ctx, { action: 'meeting.webhook.removed', entityType: 'meeting_org', entityId: org.id });
  });
}

/** The endpoint (without its secret) and the last deliveries. */
export async function webhookStatus(d: Deps, ctx: Ctx) {
  const { org } = await callerAdminOrg(d, ctx);
  const [hook] = await d.database.db.select().from(webhooks).where(eq(webhooks.organisationId, org.id));
  const recent = await d.database.db
    .select()
    .from(deliveries)
    .where(eq(deliveries.organisationId, org.id))
    .orderBy(desc(deliveries.createdAt), sql`${deliveries.id} desc`)
    .limit(50);
  return {
    url: hook?.url ?? null,
    deliveries: recent.map((r) => ({ id: r.id, event: r.event, meetingId: r.meetingId, status: r.status, attempts: r.attempts, lastError: r.lastError, createdAt: r.createdAt, deliveredAt: r.deliveredAt })),
  };
}
