import type { Ctx } from '../../../platform/context.ts';
import { readFile } from '../../../platform/files.ts';
import type { Deps } from '../deps.ts';
import { assertCanSee, ticketRow } from '../queries.ts';

/** A file attached to a ticket the caller may see. */
export async function readAttachment(d: Deps, ctx: Ctx, id: string, fileId: string) {
  assertCanSee(d, ctx, await ticketRow(d, id));
  return readFile(d.database.db, 'ticket', id, fileId);
}
