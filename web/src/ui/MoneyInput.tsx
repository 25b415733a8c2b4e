import { InputNumber } from 'antd';

const group = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');

/**
 * Form control for an amount in whole đồng. The value is a decimal string of digits (never a float):
 * typing "1.000.000" keeps `"1000000"`, which is what the API takes.
 */
export function MoneyInput(props: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  disabled?: boolean;
  placeholder?: string;
  'data-testid'?: string;
}) {
  return (
    <InputNumber<string>
      id={props.id}
      stringMode
      min="0"
      precision={0}
      step="1000"
      value={props.value ?? null}
      onChange={(v) => props.onChange?.(v === null || v === '' ? null : String(v).replace(/\D/g, '') || '0')}
      formatter={(v) => group(String(v ?? '').replace(/\D/g, ''))}
      parser={(v) => (v ?? '').replace(/\D/g, '')}
      suffix="₫"
      disabled={props.disabled}
      placeholder={props.placeholder}
      data-testid={props['data-testid']}
      style={{ width: '100%' }}
    />
  );
}

/** Form control for a positive whole count (quantity, rooms, requests). */
export function CountInput(props: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  min?: number;
  placeholder?: string;
  disabled?: boolean;
  'data-testid'?: string;
}) {
  return (
    <InputNumber<number>
      id={props.id}
      min={props.min ?? 1}
      max={1_000_000_000}
      precision={0}
      step={1}
      value={props.value ?? null}
      onChange={(v) => props.onChange?.(v === null ? null : Math.trunc(v))}
      formatter={(v) => group(String(v ?? '').replace(/\D/g, ''))}
      parser={(v) => Number((v ?? '').replace(/\D/g, '') || 0)}
      placeholder={props.placeholder}
      disabled={props.disabled}
      data-testid={props['data-testid']}
      style={{ width: '100%' }}
    />
  );
}
