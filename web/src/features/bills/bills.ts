import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BillDetail, BillStatusValue, BillSummary, ContractUsage, Run } from '@contracts/billing';
import type { Paged } from '@shared/fields.ts';
import { api } from '../../api/client.ts';
import type { Translate } from '../../i18n/index.tsx';
import type { PageState } from '../../ui/paging.ts';

export const billsKey = ['bills'] as const;
export const BILL_STATUSES: readonly BillStatusValue[] = ['issued', 'partly_paid', 'overdue', 'paid', 'written_off'];

export const BILL_STATUS_COLORS: Record<BillStatusValue, string> = {
  draft: 'default',
  issued: 'gold',
  partly_paid: 'blue',
  overdue: 'red',
  paid: 'green',
  written_off: 'purple',
};

export const billStatusLabel = (t: Translate, s: BillStatusValue) => t.maybe(`billStatus.${s}`) ?? s;
/** 2026-03 → 03/2026. */
export const monthLabel = (period: string) => `${period.slice(5, 7)}/${period.slice(0, 4)}`;
export const billPrintUrl = (id: string) => `/api/v1/bills/${encodeURIComponent(id)}/print`;

export interface BillFilter {
  contractId?: string;
  period?: string;
  status?: BillStatusValue;
}

export const useBills = (filter: BillFilter, paging: PageState) =>
  useQuery({
    queryKey: [...billsKey, 'list', filter, paging],
    queryFn: () => api.get<Paged<BillSummary>>('/api/v1/bills', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });

export const useBill = (id: string) =>
  useQuery({ queryKey: [...billsKey, 'detail', id], queryFn: () => api.get<BillDetail>(`/api/v1/bills/${encodeURIComponent(id)}`) });

export const useContractUsage = (contractId: string, period: string) =>
  useQuery({
    queryKey: [...billsKey, 'usage', contractId, period],
    queryFn: () => api.get<ContractUsage>(`/api/v1/contracts/${encodeURIComponent(contractId)}/usage`, { period }),
    placeholderData: keepPreviousData,
  });

/** The latest runs; polled while one is still running, so its progress moves on screen. */
export const useRuns = () =>
  useQuery({
    queryKey: [...billsKey, 'runs'],
    queryFn: () => api.get<{ items: Run[] }>('/api/v1/billing/runs'),
    refetchInterval: (q) => (q.state.data?.items.some((r) => r.status === 'running') ? 2000 : false),
  });

export function useStartRun() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (period: string) => api.post<Run>('/api/v1/billing/runs', { period }),
    onSuccess: () => qc.invalidateQueries({ queryKey: billsKey }),
  });
}
