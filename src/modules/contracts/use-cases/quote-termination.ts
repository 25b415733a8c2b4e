import type { Ctx } from '../../../platform/context.ts';
import { priceModelFromJson } from '../../catalog/index.ts';
import type { Deps } from '../deps.ts';
import { terminationSettlement } from '../domain/settlement.ts';
import { assertCanSee, contractRow, type ContractRow } from '../queries.ts';

/** C7: what an early termination on `date` settles, before anyone commits to it. */
export async function quoteTermination(d: Deps, ctx: Ctx, id: string, date: string) {
  const c = await contractRow(d, id);
  assertCanSee(d, ctx, c);
  return settlementOf(c, date);
}

export const settlementOf = (c: ContractRow, date: string) =>
  terminationSettlement({ ...c, model: priceModelFromJson(c.priceModel) }, date);
