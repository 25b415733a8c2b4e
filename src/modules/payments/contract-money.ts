import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import type { Ctx } from '../../platform/context.ts';
import type { ContractService } from '../contracts/index.ts';
import type { InvoicingService } from '../invoicing/index.ts';
import { contractMoney as contractMoneySchema, contractParams } from './contract.ts';
import { payments } from './db/schema.ts';

export interface ContractMoneyDeps {
  database: Database;
  contracts: ContractService;
  invoicing: InvoicingService;
}

/** What was asked, paid and invoiced on a contract: for anyone who may see the contract, its customer included. */
export async function contractMoney(deps: ContractMoneyDeps, ctx: Ctx, contractId: string) {
  deps.contracts.assertCanSee(ctx, await deps.contracts.row(contractId));
  const rows = await deps.database.db.select().from(payments).where(eq(payments.contractId, contractId)).orderBy(desc(payments.createdAt), desc(payments.id));
  return {
    payments: rows.map((p) => ({
      id: p.id,
      amendmentId: p.amendmentId,
      description: p.description,
      amountVnd: p.amountVnd,
      refundedVnd: p.refundedVnd,
      status: p.status,
      paidAt: p.paidAt,
      createdAt: p.createdAt,
    })),
    invoices: await deps.invoicing.ofContract(contractId),
  };
}

export function contractMoneyRoutes(app: Server, deps: ContractMoneyDeps) {
  app.get('/api/v1/contracts/:id/money', {
    schema: {
      tags: ['payments'],
      summary: "A contract's payments and e-invoices (anyone who may see the contract)",
      params: contractParams,
      response: { 200: contractMoneySchema },
    },
    preValidation: guard(),
    handler: async (req) => contractMoney(deps, ctxOf(req), req.params.id),
  });
}
