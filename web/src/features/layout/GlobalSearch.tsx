import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { ContractSummary } from '@contracts/contracts';
import type { Customer } from '@contracts/customers';
import type { Invoice } from '@contracts/invoicing';
import type { TicketSummary } from '@contracts/support';
import type { Paged } from '@shared/fields.ts';
import { useT } from '../../i18n/index.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { useSession } from '../auth/session.tsx';
import { invoiceNo } from '../invoices/invoices.ts';

const FEW = { page: 1, pageSize: 5 };

/** One source of the search: the list endpoint it asks and what a hit opens. */
function useSource<T>(key: string, allowed: boolean, q: string, path: string) {
  return useQuery({
    queryKey: ['search', key, q],
    queryFn: () => api.get<Paged<T>>(path, { q, ...FEW }),
    enabled: allowed && q.length >= 2,
    staleTime: 30_000,
  });
}

/**
 * The header's search: contract numbers, customers (name, code, tax code, phone), ticket and invoice
 * numbers at once, each source only if the user may read it (the server scopes every list).
 */
export function GlobalSearch() {
  const t = useT();
  const navigate = useNavigate();
  const { permissions } = useSession();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const can = (p: string) => permissions.includes(p);
  const contracts = useSource<ContractSummary>('contracts', can('contract.read'), q, '/api/v1/contracts');
  const customers = useSource<Customer>('customers', can('customer.read'), q, '/api/v1/customers');
  const tickets = useSource<TicketSummary>('tickets', can('ticket.read'), q, '/api/v1/tickets');
  const invoices = useSource<Invoice>('invoices', can('invoice.read'), q, '/api/v1/invoices');

  const group = <T,>(label: string, items: T[] | undefined, option: (x: T) => { value: string; label: string }) =>
    items?.length ? [{ label, options: items.map(option) }] : [];
  const options = [
    ...group(t('search.contracts'), contracts.data?.items, (c) => ({ value: `/contracts/${c.id}`, label: `${c.number} · ${c.customer?.name ?? ''}` })),
    ...group(t('search.customers'), customers.data?.items, (c) => ({ value: `/contracts?customerId=${c.id}`, label: `${c.name} · ${c.code}${c.taxCode ? ` · ${c.taxCode}` : ''}` })),
    ...group(t('search.tickets'), tickets.data?.items, (x) => ({ value: `/tickets/${x.id}`, label: `${x.number} · ${x.subject}` })),
    ...group(t('search.invoices'), invoices.data?.items, (i) => ({ value: `/invoices/${i.id}`, label: `${invoiceNo(i)} · ${i.buyer.name}` })),
  ];
  const busy = [contracts, customers, tickets, invoices].some((s) => s.isFetching);

  return (
    <AutoComplete
      className="global-search"
      options={options}
      value={text}
      onChange={setText}
      onSelect={(path: string) => {
        setText('');
        navigate(path);
      }}
      notFoundContent={q.length >= 2 && !busy ? t('search.nothing') : undefined}
      popupMatchSelectWidth={420}
    >
      <Input prefix={<SearchOutlined />} placeholder={t('search.placeholder')} aria-label={t('search.placeholder')} allowClear data-testid="global-search" />
    </AutoComplete>
  );
}
