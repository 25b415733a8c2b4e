import type { Ctx } from '../../../platform/context.ts';
import { nextDocumentNumber } from '../../../platform/counters.ts';
import { fail } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { withinLimit } from '../../../platform/money.ts';
import { onpremQuotes } from '../db/schema.ts';
import { today, type CatalogDeps } from '../deps.ts';
import { productByCode } from '../queries.ts';

export interface OnpremQuoteInput {
  customerId: string;
  product: string;
  description: string;
  lines: { description: string; quantity: number; unitPriceVnd: string }[];
  validUntil: string;
}

/** An AM drafts a negotiated On-Premise quote (A1) for a customer in their scope; it belongs to their unit. */
export async function createOnpremQuote(d: CatalogDeps, ctx: Ctx, input: OnpremQuoteInput, unitId: string | null) {
  await d.customers.visibleRow(ctx, input.customerId);
  const product = await productByCode(d, input.product);
  if (input.validUntil < today(d)) {
    throw fail('VALIDATION_FAILED', { validUntil: input.validUntil }, { vi: 'ngày hết hiệu lực đã qua', en: 'validity already over' });
  }
  const lines = input.lines.map((l) => {
    const unit = BigInt(l.unitPriceVnd);
    return { description: l.description, quantity: l.quantity, unitPriceVnd: unit.toString(), amountVnd: withinLimit(unit * BigInt(l.quantity), 'amountVnd').toString() };
  });
  const totalVnd = withinLimit(lines.reduce((sum, l) => sum + BigInt(l.amountVnd), 0n), 'totalVnd');
  const now = d.clock.now();
  return d.database.db.transaction(async (tx) => {
    const row = {
      id: newId('onpremQuote', now),
      number: await nextDocumentNumber(tx, 'BG', Number(today(d).slice(0, 4)), 4),
      customerId: input.customerId,
      productId: product.id,
      unitId,
      description: input.description,
      lines,
      totalVnd,
      validUntil: input.validUntil,
      status: 'draft' as const,
      createdBy: ctx.actor.id ?? ctx.actor.name,
      decidedBy: null,
      decidedAt: null,
      reason: null,
      usedByContractId: null,
      createdAt: now,
    };
    await tx.insert(onpremQuotes).values(row);
    await d.audit.record(tx, ctx, { action: 'onprem_quote.created', entityType: 'onprem_quote', entityId: row.id, after: row });
    return row;
  });
}
