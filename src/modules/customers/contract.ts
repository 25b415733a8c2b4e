import { z } from 'zod';
import { id, instantOut, pageQuery, paged, patchOf } from '../../shared/fields.ts';
import { customerType, unitRef, userRef } from '../identity/contract.ts';

/** The customers' HTTP contract (SPEC B1): KHCN and KHDN, their managing unit and sales person. */

export { customerType };

/** Vietnamese tax code (mã số thuế): 10 digits for an enterprise, 10-3 digits for a dependent unit (branch). */
export const TAX_CODE = /^\d{10}(-\d{3})?$/;
export const taxCode = z.string().trim().regex(TAX_CODE, '10 digits or 10-3 digits');

const phone = z.string().trim().regex(/^(\+?84|0)\d{9,10}$/, 'Vietnamese phone number');

export const contact = z
  .object({
    name: z.string().trim().min(2).max(200),
    position: z.string().max(200).optional(),
    email: z.email().optional(),
    phone: z.string().max(20).optional(),
  })
  .strict();

export const customer = z.object({
  id: z.string(),
  /** KH000001 …: the code people read, print and search by. */
  code: z.string(),
  type: customerType,
  name: z.string(),
  taxCode: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  managingUnit: unitRef.nullable(),
  salesUser: userRef.nullable(),
  contacts: z.array(z.object({ name: z.string(), position: z.string().optional(), email: z.string().optional(), phone: z.string().optional() })),
  createdAt: instantOut,
});

const fields = {
  name: z.string().trim().min(2).max(300),
  // Checked by the buyer rules (`domain/buyer.ts`), which answer INVALID_TAX_CODE with the reason.
  taxCode: z.string().trim().max(14).optional(),
  email: z.email().max(200),
  phone,
  // At most 400 characters: the buyer's address on an e-invoice (DChi).
  address: z.string().trim().max(400).optional(),
  managingUnitId: id.optional(),
  salesUserId: id.optional(),
  contacts: z.array(contact).max(20).optional(),
};

export const idParams = z.object({ id });
export const customerQuery = z.object({ q: z.string().trim().max(100).optional(), type: customerType.optional(), ...pageQuery }).strict();
export const newCustomer = z.object({ type: customerType, ...fields }).strict();
export const customerPatch = patchOf({ ...fields, name: fields.name.optional(), email: fields.email.optional(), phone: phone.optional() });
export const customersPage = paged(customer);

export type CustomerType = z.infer<typeof customerType>;
export type CustomerContact = z.infer<typeof contact>;
export type Customer = z.infer<typeof customer>;
export type NewCustomer = z.input<typeof newCustomer>;
export type CustomerQuery = z.output<typeof customerQuery>;
