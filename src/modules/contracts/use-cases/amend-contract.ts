import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { withinLimit } from '../../../platform/money.ts';
import { priceModelFromJson, priceQuote, type VatRate } from '../../catalog/index.ts';
import { amendments } from '../db/schema.ts';
import { today, type Deps } from '../deps.ts';
import { appendixTerms, type AppendixKind } from '../domain/appendix.ts';
import { appendixPayable, upgradeSettlement } from '../domain/settlement.ts';
import { emailPaymentRequest } from '../notify.ts';
import { openTask } from '../persist.ts';
import { assertSeller, contractRow, type AmendmentRow } from '../queries.ts';

export interface AmendInput {
  kind: AppendixKind;
  quantity?: number;
  changeDate: string;
  note?: string;
}

/** C6: previews or records an appendix: upgrade (new total quantity), added package (extra quantity) or adjustment. */
export async function amendContract(d: Deps, ctx: Ctx, id: string, input: AmendInput, preview: boolean) {
  const c = await contractRow(d, id);
  assertSeller(d, ctx, c);
  const model = priceModelFromJson(c.priceModel);
  const { quantity, start, end } = appendixTerms({ ...c, model }, input, today(d));
  const newTerm = priceQuote(model, c.vatRate as VatRate, { quantity, periodMonths: c.periodMonths });
  withinLimit(newTerm.totalVnd, 'totalVnd');
  const { changeDate } = input;
  const s = upgradeSettlement({ paidSubtotalVnd: c.subtotalVnd, start, end, changeDate, newTermSubtotalVnd: newTerm.subtotalVnd });
  const now = d.clock.now();
  const row: AmendmentRow = {
    id: newId('amendment', now),
    contractId: c.id,
    kind: input.kind,
    status: s.netVnd > 0n ? 'awaiting_payment' : 'configuring',
    fromQuantity: c.quantity,
    quantity,
    periodMonths: c.periodMonths,
    changeDate,
    creditVnd: s.creditVnd,
    chargeVnd: s.chargeVnd,
    netVnd: s.netVnd,
    paymentRef: null,
    note: input.note ?? null,
    createdBy: ctx.actor.id,
    createdAt: now,
    appliedAt: null,
  };
  const payable = appendixPayable(s.netVnd, c.vatRate as VatRate);
  if (preview) return { ...row, payableVnd: payable, settlement: s };
  await d.database.db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: amendments.id })
      .from(amendments)
      .where(and(eq(amendments.contractId, c.id), inArray(amendments.status, ['awaiting_payment', 'configuring'])));
    if (open) throw fail('CONFLICT', { amendment: open.id }, { vi: 'một phụ lục khác đang được xử lý', en: 'another appendix is still in progress' });
    await tx.insert(amendments).values(row);
    const after = { ...row, payableVnd: payable };
    await d.audit.record(tx, ctx, { action: 'contract.amendment_created', entityType: 'contract', entityId: c.id, after });
    if (row.status === 'awaiting_payment') await emailPaymentRequest(d, tx, c, payable, row.id);
    else await openTask(d, tx, c, 'configure_amendment', null, { amendmentId: row.id });
  });
  return { ...row, payableVnd: payable, settlement: s };
}
