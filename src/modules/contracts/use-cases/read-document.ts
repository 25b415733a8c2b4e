import type { Ctx } from '../../../platform/context.ts';
import { readFile } from '../../../platform/files.ts';
import type { Deps } from '../deps.ts';
import { assertCanSee, contractRow } from '../queries.ts';

/** A document of a contract the caller may see. */
export async function readDocument(d: Deps, ctx: Ctx, id: string, fileId: string) {
  assertCanSee(d, ctx, await contractRow(d, id));
  return readFile(d.database.db, 'contract', id, fileId);
}
