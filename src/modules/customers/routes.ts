import { z } from 'zod';
import { ctxOf, guard, pageQuery } from '../../http/auth.ts';
import type { Server } from '../../http/server.ts';
import type { CustomerService } from './index.ts';

const contact = z
  .object({
    name: z.string().trim().min(2).max(200),
    position: z.string().max(200).optional(),
    email: z.email().optional(),
    phone: z.string().max(20).optional(),
  })
  .strict();
const phone = z.string().trim().regex(/^(\+?84|0)\d{9,10}$/, 'Vietnamese phone number');
const fields = {
  name: z.string().trim().min(2).max(300),
  taxCode: z.string().trim().max(14).optional(),
  email: z.email().max(200),
  phone,
  // At most 400 characters: the buyer's address on an e-invoice (DChi).
  address: z.string().trim().max(400).optional(),
  managingUnitId: z.string().max(40).optional(),
  salesUserId: z.string().max(40).optional(),
  contacts: z.array(contact).max(20).optional(),
};

export function customerRoutes(app: Server, customers: CustomerService) {
  app.get('/api/v1/customers', {
    schema: {
      tags: ['customers'],
      summary: 'Customers the caller may see',
      querystring: z.object({ q: z.string().trim().max(100).optional(), type: z.enum(['individual', 'enterprise']).optional(), ...pageQuery }).strict(),
    },
    preValidation: guard('customer.read'),
    handler: async (req) => customers.list(ctxOf(req), req.query),
  });

  app.get('/api/v1/customers/:id', {
    schema: { tags: ['customers'], params: z.object({ id: z.string().max(40) }) },
    preValidation: guard(),
    handler: async (req) => customers.get(ctxOf(req), req.params.id),
  });

  app.post('/api/v1/customers', {
    schema: {
      tags: ['customers'],
      summary: 'Register a customer: KHCN, or KHDN with its tax code (10 or 10-3 digits); a tax code needs an address (invoices)',
      body: z.object({ type: z.enum(['individual', 'enterprise']), ...fields }).strict(),
    },
    preValidation: guard('customer.manage'),
    handler: async (req, reply) => reply.status(201).send(await customers.create(ctxOf(req), req.body)),
  });

  app.patch('/api/v1/customers/:id', {
    schema: {
      tags: ['customers'],
      params: z.object({ id: z.string().max(40) }),
      body: z
        .object({ ...fields, name: fields.name.optional(), email: fields.email.optional(), phone: phone.optional() })
        .strict()
        .refine((b) => Object.keys(b).length > 0, 'nothing to change'),
    },
    preValidation: guard('customer.manage'),
    handler: async (req) => customers.update(ctxOf(req), req.params.id, req.body),
  });
}
