import { formatMoney } from './format.ts';

/** An amount in đồng, e.g. `1.000.000 ₫`. */
export function Money({ value }: { value: string | number | bigint | null | undefined }) {
  return <span className="money">{formatMoney(value)}</span>;
}
