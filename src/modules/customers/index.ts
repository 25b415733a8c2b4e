import type { Executor } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import type { CustomerQuery } from './contract.ts';
import type { CustomerDeps } from './deps.ts';
import { briefsOf, byPhone, canSee, idsManagedBy, idsMatching, namesOf, row, visibleRow, type CustomerRow } from './queries.ts';
import { createCustomer, type CustomerInput } from './use-cases/create-customer.ts';
import { getCustomer } from './use-cases/get-customer.ts';
import { listCustomers } from './use-cases/list-customers.ts';
import { updateCustomer } from './use-cases/update-customer.ts';

/**
 * Customers (SPEC B1): individuals (KHCN) and enterprises (KHDN), their managing unit and sales person.
 * Routes are in `routes.ts`, mounted by app.ts.
 */
export function createCustomers(d: CustomerDeps) {
  return {
    list: (ctx: Ctx, q: CustomerQuery) => listCustomers(d, ctx, q),
    get: (ctx: Ctx, id: string) => getCustomer(d, ctx, id),
    create: (ctx: Ctx, input: CustomerInput) => createCustomer(d, ctx, input),
    update: (ctx: Ctx, id: string, patch: Partial<CustomerInput>) => updateCustomer(d, ctx, id, patch),
    row: (id: string, ex?: Executor) => row(d, id, ex),
    visibleRow: (ctx: Ctx, id: string, ex?: Executor) => visibleRow(d, ctx, id, ex),
    canSee: (ctx: Ctx, c: Pick<CustomerRow, 'id' | 'managingUnitId' | 'salesUserId'>) => canSee(d, ctx, c),
    byPhone: (ctx: Ctx, phone: string) => byPhone(d, ctx, phone),
    namesOf: (ids: string[]) => namesOf(d, ids),
    briefsOf: (ids: string[]) => briefsOf(d, ids),
    idsMatching: (text: string) => idsMatching(d, text),
    idsManagedBy: (userId: string) => idsManagedBy(d, userId),
  };
}

export type CustomerService = ReturnType<typeof createCustomers>;

export { customerAccounts } from './accounts.ts';
export type { CustomerRow } from './queries.ts';
/** CUSTOMER_AMBIGUOUS is also what the support desk answers when a caller's phone matches several customers. */
export { customerError } from './errors.ts';
export type { CustomerInput } from './use-cases/create-customer.ts';
