import { ulid } from '../../../platform/ids.ts';
import {
  cleanBuyer,
  computeTotals,
  invoiceDataProblems,
  lineProblems,
  lineToJson,
  normalizeBuyer,
  prepareLines,
  rawLineJson,
  type Buyer,
  type LineInput,
  type LineJson,
} from './invoice.ts';

/** What an invoice row stores of its buyer and lines: the amounts split into goods, VAT and discounts. */
export interface InvoiceData {
  buyer: Buyer;
  lines: LineJson[];
  subtotalVnd: bigint;
  vatVnd: bigint;
  discountVnd: bigint;
  totalVnd: bigint;
  dataProblems: string[] | null;
}

const NO_TOTALS = { subtotalVnd: 0n, vatVnd: 0n, discountVnd: 0n, totalVnd: 0n };

/**
 * Buyer, lines and totals to store: checked and normalised when they make a valid invoice; else as
 * given (cleaned) with every reason in `dataProblems`, for the officer to correct.
 */
export function invoiceData(buyer: Buyer, lines: readonly LineInput[]): InvoiceData {
  const dataProblems = invoiceDataProblems(buyer, lines);
  if (dataProblems.length) {
    // Lines that cannot be totalled are among the problems: no totals until they are corrected.
    const totals = lineProblems(lines).length ? NO_TOTALS : storedTotals(computeTotals(prepareLines(lines)));
    return { buyer: cleanBuyer(buyer), lines: lines.map(rawLineJson), ...totals, dataProblems };
  }
  const prepared = prepareLines(lines);
  return { buyer: normalizeBuyer(buyer), lines: prepared.map(lineToJson), ...storedTotals(computeTotals(prepared)), dataProblems: null };
}

const storedTotals = (t: { subtotal: bigint; vat: bigint; discount: bigint; total: bigint }) => ({
  subtotalVnd: t.subtotal,
  vatVnd: t.vat,
  discountVnd: t.discount,
  totalVnd: t.total,
});

/** The buyer printed for a customer (the customers module's record). */
type CustomerRecord = { code: string; name: string; taxCode: string | null; address: string | null; email: string | null; phone: string | null };

/** The customer's code (KH000123), not its internal id, is what the invoice prints as "Mã khách hàng". */
export function buyerOfCustomer(c: CustomerRecord): Buyer {
  return { name: c.name, taxCode: c.taxCode, address: c.address, email: c.email, phone: c.phone, customerCode: c.code };
}

/** Invoice ids: `inv_` + ULID (the prefix to register as `invoice: 'inv'` in platform/ids.ts). */
export const newInvoiceId = (now: Date): string => `inv_${ulid(now.getTime())}`;
