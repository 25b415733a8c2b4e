import { ctxOf, guard } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import * as c from './contract.ts';
import type { CustomerService } from './index.ts';

export function customerRoutes(app: Server, customers: CustomerService) {
  app.get('/api/v1/customers', {
    schema: { tags: ['customers'], summary: 'Customers the caller may see', querystring: c.customerQuery, response: { 200: c.customersPage } },
    preValidation: guard('customer.read'),
    handler: async (req) => customers.list(ctxOf(req), req.query),
  });

  app.get('/api/v1/customers/:id', {
    schema: { tags: ['customers'], params: c.idParams, response: { 200: c.customer } },
    preValidation: guard(),
    handler: async (req) => customers.get(ctxOf(req), req.params.id),
  });

  app.post('/api/v1/customers', {
    schema: {
      tags: ['customers'],
      summary: 'Register a customer: KHCN, or KHDN with its tax code (10 or 10-3 digits); a tax code needs an address (invoices)',
      body: c.newCustomer,
      response: { 201: c.customer },
    },
    preValidation: guard('customer.manage'),
    handler: async (req, reply) => reply.status(201).send(await customers.create(ctxOf(req), req.body)),
  });

  app.patch('/api/v1/customers/:id', {
    schema: { tags: ['customers'], params: c.idParams, body: c.customerPatch, response: { 200: c.customer } },
    preValidation: guard('customer.manage'),
    handler: async (req) => customers.update(ctxOf(req), req.params.id, req.body),
  });
}
