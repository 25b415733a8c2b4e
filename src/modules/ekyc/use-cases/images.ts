import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { systemCtx, type Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { images, requests } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { ekycError } from '../errors.ts';
import { visibleContract } from '../queries.ts';

export const ERASE_QUEUE = 'ekyc.erase';
const ERASE_CHUNK = 500;

/** Encrypts and stores a verification's images in the request's transaction. */
export async function storeImages(d: Deps, tx: Executor, rowId: string, contractId: string, parts: { part: string; mime: string; content: Buffer }[]) {
  const now = d.clock.now();
  for (const p of parts) {
    const id = newId('ekycImage', now);
    const sealed = d.vault.seal(p.content, id);
    await tx.insert(images).values({ id, requestRowId: rowId, contractId, part: p.part, mime: p.mime, size: p.content.length, ...sealed, createdAt: now });
  }
}

/**
 * One image of a request, decrypted, for the customer's own users only (biometric data: staff do not
 * browse it); every read is audited.
 */
export async function readImage(d: Deps, ctx: Ctx, requestRowId: string, imageId: string) {
  const [img] = await d.database.db.select().from(images).where(and(eq(images.id, imageId), eq(images.requestRowId, requestRowId)));
  if (!img) throw fail('NOT_FOUND', { image: imageId });
  const c = await visibleContract(d, ctx, img.contractId);
  if (ctx.actor.customerId !== c.customerId) throw fail('NOT_FOUND', { image: imageId });
  if (img.erasedAt || !img.ciphertext || !img.iv || !img.tag) throw ekycError('EKYC_IMAGE_ERASED');
  const content = d.vault.open({ keyId: img.keyId, iv: img.iv, tag: img.tag, ciphertext: img.ciphertext }, img.id);
  await d.database.db.transaction((tx) =>
    d.audit.record(tx, ctx, { action: 'ekyc.image.read', entityType: 'ekyc_request', entityId: requestRowId, after: { imageId, part: img.part } }),
  );
  return { mime: img.mime, content };
}

/**
 * The retention job (Decree 13/2023): requests past their `erase_after` lose their images and the
 * personal data of their stored answer (outcome and reason codes stay for the statistics), in chunks,
 * each chunk with its audit entry. Idempotent: erased rows are not picked again.
 */
export async function eraseExpired(d: Deps): Promise<number> {
  const ctx = systemCtx('system:ekyc-retention');
  let total = 0;
  for (;;) {
    const now = d.clock.now();
    const erased = await d.database.db.transaction(async (tx) => {
      const due = await tx
        .select({ id: requests.id })
        .from(requests)
        .where(and(lte(requests.eraseAfter, now), isNull(requests.erasedAt)))
        .limit(ERASE_CHUNK)
        .for('update', { skipLocked: true });
      if (due.length === 0) return 0;
      const ids = due.map((r) => r.id);
      const list = sql`${sql.param(ids)}::text[]`;
      await tx.update(requests).set({ response: null, erasedAt: now }).where(sql`${requests.id} = any(${list})`);
      await tx.update(images).set({ iv: null, tag: null, ciphertext: null, erasedAt: now }).where(and(sql`${images.requestRowId} = any(${list})`, isNull(images.erasedAt)));
      await d.audit.record(tx, ctx, { action: 'ekyc.erased', entityType: 'ekyc_request', after: { count: ids.length, requests: ids } });
      return ids.length;
    });
    total += erased;
    if (erased < ERASE_CHUNK) return total;
  }
}
