import type { Actor } from '../../platform/context.ts';
import { hasPermission } from '../identity/index.ts';

export type InvoicePermission = 'invoice.read' | 'invoice.manage';

/** Staff permission (identity's table); the system acts for jobs. */
export function mayInvoice(actor: Pick<Actor, 'roles' | 'kind'>, permission: InvoicePermission): boolean {
  return actor.kind === 'system' || hasPermission(actor, permission);
}

