import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type * as c from '@contracts/contracts';
import type { AmendmentResult, ContractDetail, ContractStatus, ContractSummary, TerminationQuote } from '@contracts/contracts';
import type { z } from 'zod';
import type { Role } from '@contracts/identity';
import type { Paged } from '@shared/fields.ts';
import type { Translate } from '../../i18n/index.tsx';
import type { PageState } from '../../ui/paging.ts';

export const contractsKey = ['contracts'] as const;

/** What a command's dialog needs to name the contract: its id, number and customer. */
export interface ContractRef {
  id: string;
  number: string;
  customer?: { name: string } | null;
}

/** Who may declare a contract (C2) — the "Khai báo hợp đồng" button and /contracts/new. */
export const DECLARE_ROLES: readonly Role[] = ['am', 'kam', 'agent', 'admin'];

/** The list's filters (the page comes from the table). */
export type ContractFilter = Omit<z.input<typeof c.contractsQuery>, 'page' | 'pageSize'>;

export const useContracts = (filter: ContractFilter, paging: PageState) =>
  useQuery({
    queryKey: [...contractsKey, 'list', filter, paging],
    queryFn: () => api.get<Paged<ContractSummary>>('/api/v1/contracts', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });

export const contractPath = (id: string) => `/api/v1/contracts/${encodeURIComponent(id)}`;

export const useContract = (id: string) =>
  useQuery({ queryKey: [...contractsKey, 'detail', id], queryFn: () => api.get<ContractDetail>(contractPath(id)) });

/** Contracts, tasks and quotes all move together: refresh every view of them after a command. */
function useInvalidateContracts() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: contractsKey }),
      queryClient.invalidateQueries({ queryKey: ['tasks'] }),
      queryClient.invalidateQueries({ queryKey: ['onprem-quotes'] }),
    ]);
}

export type CreateContractBody = z.input<typeof c.newContract>;

export function useCreateContract() {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: (body: CreateContractBody) => api.post<ContractDetail>('/api/v1/contracts', body),
    onSuccess: invalidate,
  });
}

/** Where each command is posted, relative to the contract. */
const ACTION_PATHS: Record<c.PostedAction, string> = {
  submit: 'submit',
  approve: 'approve',
  reject: 'reject',
  complete_provisioning: 'provisioning/complete',
  cancel: 'cancel',
  terminate: 'terminate',
  suspend: 'suspend',
  resume: 'resume',
  renew: 'renew',
  amend: 'amendments',
};

/** Runs one command on a contract; answers the contract detail (for `renew`: the new renewal contract). */
export function useContractAction<A extends c.PostedAction>(id: string, action: A) {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: (body: c.ActionBody<A>) => api.post<ContractDetail>(`${contractPath(id)}/${ACTION_PATHS[action]}`, body),
    onSuccess: invalidate,
  });
}

/** Submitting a freshly created draft, by id (the declaration form creates, then submits). */
export function useSubmitContract() {
  const invalidate = useInvalidateContracts();
  return useMutation({
    mutationFn: (id: string) => api.post<ContractDetail>(`${contractPath(id)}/submit`, {}),
    onSuccess: invalidate,
  });
}

export const useTerminationQuote = (id: string, date: string | null) =>
  useQuery({
    queryKey: [...contractsKey, 'termination-quote', id, date],
    queryFn: () => api.get<TerminationQuote>(`${contractPath(id)}/termination-quote`, { date }),
    enabled: !!date,
    retry: false,
  });

export type AmendmentBody = z.input<typeof c.amendBody>;

/** The proration of an amendment, computed by the server without saving it. */
export const useAmendmentPreview = (id: string, body: AmendmentBody | null) =>
  useQuery({
    queryKey: [...contractsKey, 'amendment-preview', id, body],
    queryFn: () => api.post<AmendmentResult>(`${contractPath(id)}/amendments?preview=true`, body),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    retry: false,
  });

export const STATUS_COLORS: Record<ContractStatus, string> = {
  draft: 'default',
  awaiting_payment: 'gold',
  pending_approval: 'orange',
  provisioning: 'processing',
  active: 'green',
  suspended: 'volcano',
  expired: 'purple',
  terminated: 'magenta',
  cancelled: 'default',
  rejected: 'red',
};

export const statusLabel = (t: Translate, s: string) => t.maybe(`contractStatus.${s}`) ?? s;
export const channelLabel = (t: Translate, c: string) => t.maybe(`channel.${c}`) ?? c;
export const actionLabel = (t: Translate, a: string) => t.maybe(`action.${a}`) ?? a;
export const taskKindLabel = (t: Translate, k: string) => t.maybe(`taskKind.${k}`) ?? k;
