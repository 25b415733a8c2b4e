import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Aging, CollectionCase, CollectionPolicyOut, PolicyStep, WriteOff } from '@contracts/collection';

const invalidateAll = (qc: ReturnType<typeof useQueryClient>) => qc.invalidateQueries({ queryKey: ['collection'] });

export const useAging = () => useQuery({ queryKey: ['collection', 'aging'], queryFn: () => api.get<Aging>('/api/v1/collection/aging') });
export const useCases = (status?: CollectionCase['status']) =>
  useQuery(
    {
      queryKey: ['collection', 'cases', status],
      queryFn: () => api.get<{ items: CollectionCase[] }>('/api/v1/collection/cases', { status }),
      select: (d) => d.items,
    }
  );
export const useWriteOffs = (enabled: boolean) =>
  useQuery(
    {
      queryKey: ['collection', 'write-offs'],
      enabled,
      queryFn: () => api.get<{ items: WriteOff[] }>('/api/v1/collection/write-offs', { status: 'requested' }),
      select: (d) => d.items,
    }
  );
export const usePolicy = () => useQuery({ queryKey: ['collection', 'policy'], queryFn: () => api.get<CollectionPolicyOut>('/api/v1/collection/policy') });

/** One mutation per collection command; each refreshes every collection view. */
export function useCollectionCommand<TBody>(path: (body: TBody) => string, method: 'post' | 'put' = 'post', strip?: (body: TBody) => unknown) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => (
      method === 'put' ? api.put<unknown>(path(body), strip ? strip(body) : body) : api.post<unknown>(path(body), strip ? strip(body) : body)
    ),
    onSuccess: () => invalidateAll(qc),
  });
}

export const AGING_EXPORT_URL = '/api/v1/collection/aging/export';
export const STEP_ACTIONS: PolicyStep['action'][] = ['remind_email', 'remind_sms', 'suspend', 'lock', 'collect'];
