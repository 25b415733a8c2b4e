import { TAX_CODE } from '../contract.ts';

/** Vietnamese tax code (mã số thuế): 10 digits for an enterprise, 10-3 digits for a dependent unit (branch). */

export function isValidTaxCode(code: string): boolean {
  return TAX_CODE.test(code.trim());
}
