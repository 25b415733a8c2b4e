import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type * as c from '@contracts/catalog';
import type { OnpremQuote, OnpremQuoteRow, OnpremQuoteStatus } from '@contracts/catalog';
import type { z } from 'zod';
import type { Role } from '@contracts/identity';

export const onpremKey = ['onprem-quotes'] as const;

/** Who drafts quotes, and who decides on them. */
export const QUOTE_AUTHOR_ROLES: readonly Role[] = ['am', 'kam', 'agent'];
export const QUOTE_APPROVER_ROLES: readonly Role[] = ['approver_ctkv', 'approver_ttcntt'];

export type OnpremFilter = Omit<z.input<typeof c.onpremQuotesQuery>, 'page' | 'pageSize'>;

/** The latest 200 quotes of the filter (quotes are few; tables page them locally). */
export const useOnpremQuotes = (filter: OnpremFilter, enabled = true) =>
  useQuery({
    queryKey: [...onpremKey, filter],
    queryFn: () => api.get<{ items: OnpremQuote[] }>('/api/v1/onprem-quotes', { ...filter, pageSize: 200 }),
    enabled,
    placeholderData: keepPreviousData,
  });

export type CreateOnpremBody = z.input<typeof c.newOnpremQuote>;

export function useCreateOnpremQuote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOnpremBody) => api.post<OnpremQuoteRow>('/api/v1/onprem-quotes', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: onpremKey }),
  });
}

export type OnpremCommand = 'submit' | 'approve' | 'reject';

export function useOnpremCommand(id: string, command: OnpremCommand) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: object = {}) => api.post<OnpremQuoteRow>(`/api/v1/onprem-quotes/${encodeURIComponent(id)}/${command}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: onpremKey }),
  });
}

export const ONPREM_STATUS_COLORS: Record<OnpremQuoteStatus, string> = {
  draft: 'default',
  submitted: 'gold',
  approved: 'green',
  rejected: 'red',
  used: 'blue',
};

export const quoteCustomerName = (q: OnpremQuote) => q.customer.name;
export const quoteProductName = (q: OnpremQuote) => q.product?.name ?? '—';

/** quantity × unit price, in whole đồng, without floating point. */
export function lineAmount(quantity: number | null | undefined, unitPriceVnd: string | null | undefined): bigint {
  if (!quantity || !unitPriceVnd || !/^\d+$/.test(unitPriceVnd)) return 0n;
  return BigInt(Math.trunc(quantity)) * BigInt(unitPriceVnd);
}
