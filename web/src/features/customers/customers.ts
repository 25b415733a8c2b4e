import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Customer, CustomerContact, CustomerType, Paged } from '../../api/types.ts';

export const customersKey = ['customers'] as const;

/** 10 digits, or 10-3 for a dependent unit (Vietnamese tax codes). */
export const TAX_CODE = /^\d{10}(-\d{3})?$/;

export const useCustomerSearch = (q: string) =>
  useQuery({
    queryKey: [...customersKey, 'search', q],
    queryFn: () => api.get<Paged<Customer>>('/api/v1/customers', { q, page: 1, pageSize: 20 }),
    placeholderData: keepPreviousData,
  });

export const useCustomer = (id: string | undefined) =>
  useQuery({
    queryKey: [...customersKey, id],
    queryFn: () => api.get<Customer>(`/api/v1/customers/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });

export interface CreateCustomerBody {
  type: CustomerType;
  name: string;
  taxCode?: string;
  email: string;
  phone: string;
  address?: string;
  managingUnitId?: string;
  contacts?: CustomerContact[];
}

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCustomerBody) => api.post<Customer>('/api/v1/customers', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customersKey }),
  });
}

export const customerLabel = (c: Pick<Customer, 'name' | 'taxCode' | 'email'>) =>
  c.taxCode ? `${c.name} · ${c.taxCode}` : `${c.name} · ${c.email}`;
