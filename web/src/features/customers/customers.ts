import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Customer, NewCustomer } from '@contracts/customers';
import type { Paged } from '@shared/fields.ts';

export const customersKey = ['customers'] as const;

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

export function useCreateCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCustomer) => api.post<Customer>('/api/v1/customers', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: customersKey }),
  });
}

export const customerLabel = (c: Pick<Customer, 'code' | 'name' | 'taxCode' | 'email'>) =>
  [c.name, c.code, c.taxCode ?? c.email].filter(Boolean).join(' · ');
