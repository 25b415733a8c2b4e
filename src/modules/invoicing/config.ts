import type { Seller, SeriesRule } from './domain/invoice.ts';

/**
 * Seller data and invoicing settings. The composition root passes the values (from `src/config.ts`
 * once it reads them from the environment); the defaults are for development and tests.
 */
export interface InvoicingConfig {
  seller: Seller;
  /** True while `seller.taxCode` is the development placeholder: printed views say so, production refuses. */
  sellerTaxCodeIsPlaceholder: boolean;
  /** KHMSHDon */
  form: '1';
  series: SeriesRule;
  /** MSTTCGP: tax code of the e-invoice solution provider (null when unknown). */
  providerTaxCode: string | null;
  /** HTTToan printed on invoices paid through VNPay. */
  paymentMethod: string;
  /** Push attempts before an invoice is marked failed and the invoice officers are e-mailed. */
  maxAttempts: number;
  /** Base of links in e-mails (`{publicBaseUrl}/invoices/{id}`). */
  publicBaseUrl: string;
}

/**
 * PLACEHOLDER — NOT THE REAL TAX CODE. MobiFone Corporation is 0100686209; the IT Center is a branch
 * with its own 3-digit suffix, which TT CNTT accounting must confirm. "-999" is deliberately fake.
 */
export const PLACEHOLDER_SELLER_TAX_CODE = '0100686209-999';

export const MOBIFONE_IT_CENTER: Seller = {
  name: 'Trung tâm Công nghệ thông tin MobiFone - Chi nhánh Tổng công ty Viễn thông MobiFone',
  taxCode: PLACEHOLDER_SELLER_TAX_CODE,
  // To confirm with TT CNTT (registered address of the branch).
  address: 'Số 01 phố Phạm Văn Bạch, phường Yên Hòa, thành phố Hà Nội',
  phone: '18001090',
  email: null,
  bankAccount: null,
  bankName: null,
  website: 'https://www.mobifone.vn',
};

export function invoicingConfig(over: Partial<Omit<InvoicingConfig, 'seller'>> & { seller?: Partial<Seller>; env?: 'development' | 'production' | 'test' } = {}): InvoicingConfig {
  const { env, ...rest } = over;
  const seller: Seller = { ...MOBIFONE_IT_CENTER, ...rest.seller };
  const cfg: InvoicingConfig = {
    form: '1',
    series: { withTaxAuthorityCode: true, typeLetter: 'T', suffix: 'MB' },
    providerTaxCode: null,
    paymentMethod: 'TM/CK',
    maxAttempts: 8,
    publicBaseUrl: 'http://localhost:3000',
    ...rest,
    seller,
    sellerTaxCodeIsPlaceholder: seller.taxCode === PLACEHOLDER_SELLER_TAX_CODE,
  };
  if (!/^[A-Z0-9]{2}$/.test(cfg.series.suffix)) throw new Error('invoicing: the series suffix is 2 capital letters or digits');
  if (env === 'production' && cfg.sellerTaxCodeIsPlaceholder) throw new Error('invoicing: the seller tax code is still the placeholder; set the real one');
  return cfg;
}
