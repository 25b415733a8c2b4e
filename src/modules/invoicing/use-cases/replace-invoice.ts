import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { canTransition } from '../../../platform/state-machine.ts';
import { invoices } from '../db/schema.ts';
import type { Deps } from '../deps.ts';
import { newInvoiceId } from '../domain/invoice-data.ts';
import { INVOICE_MACHINE } from '../domain/invoice-lifecycle.ts';
import { seriesFor, type InvoiceRelation } from '../domain/invoice.ts';
import { auditView, corrected, lock, openReplacement, requirePermission, today } from '../queries.ts';
import { getInvoice } from './get-invoice.ts';
import { schedulePush } from './push-invoice.ts';
import type { InvoiceCorrections } from './retry-invoice.ts';

/** A replacement invoice (TTHDLQuan TCHDon 1) with corrected buyer and/or lines; the original becomes `replaced` once it issues. */
export async function replaceInvoice(d: Deps, ctx: Ctx, id: string, input: InvoiceCorrections & { reason: string }) {
  requirePermission(ctx, 'invoice.manage');
  const newId = await d.database.db.transaction(async (tx) => {
    const original = await lock(tx, id);
    if (!canTransition(INVOICE_MACHINE, original.status, 'replace') || original.number === null || !original.issuedDate) {
      const why = { vi: 'chỉ hoá đơn đã phát hành mới được thay thế', en: 'only an issued invoice can be replaced' };
      throw fail('INVALID_TRANSITION', { from: original.status, event: 'replace' }, why);
    }
    const open = await openReplacement(tx, original.id);
    const replacing = { vi: 'hoá đơn thay thế của hoá đơn này đang được xử lý', en: 'a replacement of this invoice is already in progress' };
    if (open) throw fail('CONFLICT', { replacement: open.id }, replacing);
    const fixed = corrected(d, original, input);
    const { form, series, number, issuedDate: issueDate } = original;
    const relation: InvoiceRelation = { kind: 'replace', form, series, number, issueDate, note: input.reason };
    const now = d.clock.now();
    const row: typeof invoices.$inferInsert = {
      id: newInvoiceId(now),
      sourcePaymentId: null,
      paidAt: original.paidAt,
      customerId: original.customerId,
      contractId: original.contractId,
      buyer: fixed.buyer ?? original.buyer,
      seller: d.config.seller,
      lines: fixed.lines ?? original.lines,
      paymentMethod: original.paymentMethod,
      subtotalVnd: fixed.subtotalVnd ?? original.subtotalVnd,
      vatVnd: fixed.vatVnd ?? original.vatVnd,
      discountVnd: fixed.discountVnd ?? original.discountVnd,
      totalVnd: fixed.totalVnd ?? original.totalVnd,
      form,
      series: seriesFor(d.config.series, today(d)),
      number: null,
      status: 'pending',
      replacesId: original.id,
      relation,
      createdBy: ctx.actor.id,
      createdAt: now,
      updatedAt: now,
    };
    const [inserted] = await tx.insert(invoices).values(row).returning();
    const reason = input.reason;
    const requested = { ...auditView(inserted), reason };
    await d.audit.record(tx, ctx, { action: 'invoice.requested', entityType: 'invoice', entityId: inserted.id, after: requested });
    const replacement = { replacement: inserted.id, reason };
    const action = 'invoice.replacement_requested';
    await d.audit.record(tx, ctx, { action, entityType: 'invoice', entityId: original.id, after: replacement });
    await schedulePush(d, tx, inserted);
    return inserted.id;
  });
  return getInvoice(d, ctx, newId);
}
