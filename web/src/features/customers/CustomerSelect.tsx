import { useState } from 'react';
import { Select } from 'antd';
import type { Customer } from '@contracts/customers';
import { useT } from '../../i18n/index.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { customerLabel, useCustomerSearch } from './customers.ts';

/**
 * Form control: searches customers on the server by name, tax code, e-mail or phone (value = id).
 * `known` keeps the label of a customer that is not in the current search results (e.g. just created).
 */
export function CustomerSelect(props: {
  value?: string;
  onChange?: (id: string | undefined, customer?: Customer) => void;
  id?: string;
  known?: Customer | null;
  'data-testid'?: string;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const [picked, setPicked] = useState<Customer | null>(null);
  const search = useCustomerSearch(useDebounced(q.trim()));
  const items = search.data?.items ?? [];
  // The chosen customer keeps its label when a later search no longer lists it.
  const keep = [props.known, picked].filter((c): c is Customer => !!c && c.id === props.value);
  const all = keep.length && !items.some((c) => c.id === keep[0].id) ? [keep[0], ...items] : items;

  return (
    <Select
      id={props.id}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      value={props.value}
      placeholder={t('declare.customerPlaceholder')}
      loading={search.isFetching}
      onChange={(id: string | undefined) => {
        const customer = all.find((c) => c.id === id);
        setPicked(customer ?? null);
        props.onChange?.(id, customer);
      }}
      notFoundContent={search.isFetching ? t('common.loading') : t('declare.noCustomer')}
      options={all.map((c) => ({ value: c.id, label: customerLabel(c) }))}
      data-testid={props['data-testid']}
      style={{ width: '100%' }}
    />
  );
}
