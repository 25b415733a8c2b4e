import type { Executor } from '../../../db/client.ts';
import { saveVersioned } from '../../../db/versioned.ts';
import type { Ctx } from '../../../platform/context.ts';
import { fail } from '../../../platform/errors.ts';
import { onpremQuotes } from '../db/schema.ts';
import { today, type CatalogDeps } from '../deps.ts';
import { catalogError } from '../errors.ts';
import { onpremQuote, type OnpremQuoteRow } from '../queries.ts';

export type OnpremQuoteEvent = 'submit' | 'approve' | 'reject' | 'use';

const MOVES: Record<OnpremQuoteEvent, [OnpremQuoteRow['status'], OnpremQuoteRow['status']]> = {
  submit: ['draft', 'submitted'],
  approve: ['submitted', 'approved'],
  reject: ['submitted', 'rejected'],
  use: ['approved', 'used'],
};

/**
 * submit: draft → submitted; approve / reject: submitted → approved | rejected; use: approved → used
 * (by a contract, in that contract's transaction `ex`, before the quote's validity ends).
 */
export async function decideOnpremQuote(
  d: CatalogDeps,
  ctx: Ctx,
  id: string,
  event: OnpremQuoteEvent,
  extra: { reason?: string; contractId?: string } = {},
  ex?: Executor,
) {
  const [from, to] = MOVES[event];
  const run = async (tx: Executor) => {
    const before = await onpremQuote(d, id, tx);
    await d.customers.visibleRow(ctx, before.customerId, tx);
    if (before.status !== from) {
      throw fail('INVALID_TRANSITION', { from: before.status, event }, { vi: `báo giá đang ở trạng thái ${before.status}`, en: `cannot ${event} a ${before.status} quote` });
    }
    if (event === 'use' && before.validUntil < today(d)) throw catalogError('QUOTE_EXPIRED', { validUntil: before.validUntil });
    const decided = event === 'approve' || event === 'reject';
    return saveVersioned(tx, d.audit, ctx, {
      table: onpremQuotes,
      entityType: 'onprem_quote',
      action: `onprem_quote.${to}`,
      row: before,
      patch: {
        status: to,
        ...(decided ? { decidedBy: ctx.actor.id, decidedAt: d.clock.now(), reason: extra.reason ?? null } : {}),
        ...(event === 'use' ? { usedByContractId: extra.contractId ?? null } : {}),
      },
      now: d.clock.now(),
    });
  };
  return ex ? run(ex) : d.database.db.transaction(run);
}
