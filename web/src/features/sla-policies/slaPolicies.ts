import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { z } from 'zod';
import type { RequestType, SlaPolicy, slaPolicyBody } from '@contracts/support';

export const slaPoliciesKey = ['sla-policies'] as const;

export const useSlaPolicyTable = () =>
  useQuery({ queryKey: slaPoliciesKey, queryFn: () => api.get<{ items: SlaPolicy[] }>('/api/v1/support/sla-policies') });

export type SlaPolicyBody = z.input<typeof slaPolicyBody>;

export function useUpdateSlaPolicy(requestType: RequestType) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SlaPolicyBody) => api.put<SlaPolicy>(`/api/v1/support/sla-policies/${requestType}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: slaPoliciesKey }),
  });
}
