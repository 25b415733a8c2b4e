import { customerError } from '../errors.ts';
import { isValidTaxCode } from './tax-code.ts';

export interface BuyerFields {
  type: 'individual' | 'enterprise';
  taxCode?: string;
  address?: string;
}

/**
 * A customer's tax code and address, trimmed and checked. Also what a tax invoice needs of its buyer
 * (Circular 78): an enterprise has a valid tax code, and a tax code comes with an address.
 */
export function checkedBuyer<T extends BuyerFields>(input: T): T {
  const taxCode = input.taxCode?.trim() || undefined;
  const address = input.address?.trim() || undefined;
  if (input.type === 'enterprise' && !taxCode) throw customerError('INVALID_TAX_CODE', { taxCode: null });
  if (taxCode && !isValidTaxCode(taxCode)) throw customerError('INVALID_TAX_CODE', { taxCode });
  if (taxCode && !address) throw customerError('BUYER_ADDRESS_REQUIRED', { taxCode });
  return { ...input, taxCode, address };
}
