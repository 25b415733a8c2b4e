import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type * as c from '@contracts/catalog';
import type { Quote } from '@contracts/catalog';
import type { z } from 'zod';

export type QuoteRequest = z.input<typeof c.quoteRequest>;

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
