import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { RequestType, SlaPolicy } from '../../api/types.ts';

export const slaPoliciesKey = ['sla-policies'] as const;

export const useSlaPolicyTable = () =>
  useQuery({ queryKey: slaPoliciesKey, queryFn: () => api.get<{ items: SlaPolicy[] }>('/api/v1/support/sla-policies') });

export type SlaPolicyBody = Omit<SlaPolicy, 'requestType'>;

export function useUpdateSlaPolicy(requestType: RequestType) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SlaPolicyBody) => api.put<SlaPolicy>(`/api/v1/support/sla-policies/${requestType}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: slaPoliciesKey }),
  });
}
