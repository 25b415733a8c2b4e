import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { acceptUpload, storeFile } from '../../../platform/files.ts';
import { hasPermission } from '../../identity/index.ts';
import type { Deps } from '../deps.ts';
import { assertCanSee, isSeller, lockContract } from '../queries.ts';

/** A signed contract, an appendix or a handover minute, attached by the seller, ops or an admin. */
export async function addDocument(d: Deps, ctx: Ctx, id: string, upload: { name: string; contentBase64: string }) {
  const file = acceptUpload(upload.name, upload.contentBase64);
  return d.database.db.transaction(async (tx) => {
    const c = await lockContract(tx, id);
    assertCanSee(d, ctx, c);
    if (!isSeller(d, ctx, c) && !hasPermission(ctx.actor, 'contract.provision')) throw fail('FORBIDDEN', { contract: id });
    const meta = await storeFile(tx, { ownerType: 'contract', ownerId: id, ...file, uploadedBy: ctx.actor.id, now: d.clock.now() });
    await d.audit.record(tx, ctx, { action: 'contract.document_added', entityType: 'contract', entityId: id, after: meta });
    return meta;
  });
}
