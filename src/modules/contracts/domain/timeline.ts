/** One field of a contract as an audit entry changed it, for people to read. */
export interface FieldChange {
  field: string;
  from: string | number | boolean | null;
  to: string | number | boolean | null;
}

/**
 * Bookkeeping columns nobody needs to read about, internal references the contract's page already shows
 * by name (product, plan, units), and whole documents that have their own view.
 */
const HIDDEN = new Set([
  'id', 'version', 'createdAt', 'createdBy', 'updatedAt', 'priceModel', 'settlement', 'needsCtkvApproval',
  'productId', 'planId', 'priceVersionId', 'onpremQuoteId', 'sellingUnitId', 'managingUnitId', 'parentId',
]);

type Scalar = FieldChange['from'];
const isScalar = (v: unknown): v is Scalar => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/**
 * The fields an audit entry changed, in the order the entry lists them: a creation (no `before`) and a
 * field that did not change give nothing; nested objects are left to the raw view; `rename` turns an id
 * (`usr_…`, `cus_…`) into the name people know.
 */
export function fieldChanges(before: unknown, after: unknown, rename: (value: string) => string = (v) => v): FieldChange[] {
  if (!before || typeof before !== 'object' || !after || typeof after !== 'object') return [];
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const shown = (v: unknown): Scalar => (typeof v === 'string' ? rename(v) : (v as Scalar));
  return [...new Set([...Object.keys(b), ...Object.keys(a)])]
    .filter((k) => !HIDDEN.has(k) && isScalar(b[k] ?? null) && isScalar(a[k] ?? null) && (b[k] ?? null) !== (a[k] ?? null))
    .map((k) => ({ field: k, from: shown(b[k] ?? null), to: shown(a[k] ?? null) }));
}

/** The ids inside an entry's values that `rename` should know: users and customers. */
export function referencedIds(values: unknown[]): { users: string[]; customers: string[] } {
  const strings = values.flatMap((v) => (v && typeof v === 'object' ? Object.values(v) : [])).filter((v): v is string => typeof v === 'string');
  return { users: strings.filter((s) => s.startsWith('usr_')), customers: strings.filter((s) => s.startsWith('cus_')) };
}
