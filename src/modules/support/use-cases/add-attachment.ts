import type { Ctx } from '../../../platform/context.ts';
import { acceptUpload, storeFile } from '../../../platform/files.ts';
import type { Deps } from '../deps.ts';
import { assertCanSee, lockTicket } from '../queries.ts';
import { appendTimeline } from '../persist.ts';

/** Attaches a checked upload (PDF, PNG or JPEG) to a ticket the caller may see, with a line on the timeline. */
export async function addAttachment(d: Deps, ctx: Ctx, id: string, upload: { name: string; contentBase64: string }) {
  const file = acceptUpload(upload.name, upload.contentBase64);
  return d.database.db.transaction(async (tx) => {
    const row = await lockTicket(tx, id);
    assertCanSee(d, ctx, row);
    const meta = await storeFile(tx, { ownerType: 'ticket', ownerId: id, ...file, uploadedBy: ctx.actor.id, now: d.clock.now() });
    await appendTimeline(d, tx, ctx, row, null, { visibility: ctx.actor.customerId ? 'customer' : 'internal', body: `Đính kèm: ${meta.name}` });
    await d.audit.record(tx, ctx, { action: 'ticket.attachment_added', entityType: 'ticket', entityId: id, after: meta });
    return meta;
  });
}
