import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Quote } from '../../api/types.ts';

export interface QuoteRequest {
  product: string;
  quantity: number;
  periodMonths?: number;
}

/** A live quote (POST /quotes is a pure calculation, so it is cached like a read); null = nothing to ask. */
export const useQuote = (body: QuoteRequest | null) =>
  useQuery({
    queryKey: ['quote', body],
    queryFn: () => api.post<Quote>('/api/v1/quotes', body),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
