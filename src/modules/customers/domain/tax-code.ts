/** Vietnamese tax code (mã số thuế): 10 digits for an enterprise, 10-3 digits for a dependent unit (branch). */
const TAX_CODE = /^\d{10}(-\d{3})?$/;

export function isValidTaxCode(code: string): boolean {
  return TAX_CODE.test(code.trim());
}
