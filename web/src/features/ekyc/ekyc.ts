import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContractSummary } from '@contracts/contracts';
import type { DashboardView, RequestLogPage, VerificationResult } from '@contracts/ekyc';
import type { Paged } from '@shared/fields.ts';
import { api, withQuery } from '../../api/client.ts';
import type { Translate } from '../../i18n/index.tsx';
import type { PageState } from '../../ui/paging.ts';

export const ekycKey = ['ekyc'] as const;

/** The caller's active eKYC contracts (the server scopes the list to the customer's own). */
export const useEkycContracts = () =>
  useQuery({
    queryKey: [...ekycKey, 'contracts'],
    queryFn: () => api.get<Paged<ContractSummary>>('/api/v1/contracts', { product: 'EKYC', status: 'active', pageSize: 100 }),
  });

export const useDashboard = (contractId: string | undefined) =>
  useQuery({
    queryKey: [...ekycKey, 'dashboard', contractId],
    queryFn: () => api.get<DashboardView>('/api/v1/ekyc/dashboard', { contractId }),
    enabled: !!contractId,
  });

export const useRequestLog = (contractId: string | undefined, paging: PageState) =>
  useQuery({
    queryKey: [...ekycKey, 'log', contractId, paging],
    queryFn: () => api.get<RequestLogPage>('/api/v1/ekyc/requests', { contractId, ...paging }),
    enabled: !!contractId,
    placeholderData: keepPreviousData,
  });

export const exportUrl = (contractId: string) => withQuery('/api/v1/ekyc/requests/export', { contractId });

export function useTestVerification(contractId: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (files: { front: File; back: File; selfie: File; chip?: File[] }) => {
      const form = new FormData();
      form.append('front', files.front);
      form.append('back', files.back);
      form.append('selfie', files.selfie);
      // Chip files a phone app read (EF.SOD, DG1, DG2…): the part is named after the file (sod, dg1 …).
      for (const f of files.chip ?? []) {
        const part = chipPart(f.name);
        if (part) form.append(part, f);
      }
      return api.postForm<VerificationResult>(`/api/v1/ekyc/contracts/${encodeURIComponent(contractId ?? '')}/verifications`, form);
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ekycKey }),
  });
}

/** `EF_SOD.bin` → `sod`, `DG2.bin` / `dg13` → `dg2` / `dg13`; other names are not chip files. */
export function chipPart(fileName: string): string | null {
  const n = fileName.toLowerCase();
  if (/sod/.test(n)) return 'sod';
  const m = /dg(1[0-6]|[1-9])(?!\d)/.exec(n);
  return m ? `dg${m[1]}` : null;
}

export const OUTCOME_COLORS: Record<string, string> = { pass: 'green', approved: 'green', fail: 'red', rejected: 'red', review: 'gold' };
export const outcomeLabel = (t: Translate, o: string) => t.maybe(`ekyc.outcome.${o}`) ?? o;
