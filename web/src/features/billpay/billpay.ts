import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Paged } from '@shared/fields.ts';
import type { DeskOrder, OrderBody, PublicOrder, RecoveryCase, SubscriberCheck, SubscriberDetails } from '@contracts/billpay';
import { api } from '../../api/client.ts';
import type { Translate } from '../../i18n/index.tsx';
import type { PageState } from '../../ui/paging.ts';

export type OrderStatus = PublicOrder['status'];
export const MIN_VND = '50000';
export const MAX_VND = '10000000';

/** Roles of the clearing desk (`billpay.desk` on the server). */
export const DESK_ROLES = ['clearing', 'admin', 'accountant'] as const;

const digits = (msisdn: string) => encodeURIComponent(msisdn.replace(/\s+/g, ''));

export const checkSubscriber = (msisdn: string) => api.get<SubscriberCheck>(`/api/v1/billpay/subscribers/${digits(msisdn)}`);
export const subscriberDetails = (msisdn: string, password: string) =>
  api.post<SubscriberDetails>(`/api/v1/billpay/subscribers/${digits(msisdn)}/details`, { password });
export const createOrder = (body: OrderBody) => api.post<{ orderId: string; payUrl: string }>('/api/v1/billpay/orders', body);

/** The order the return page follows until it settles. */
export const usePublicOrder = (id: string, poll: (s: OrderStatus | undefined) => boolean) =>
  useQuery({
    queryKey: ['billpay-order', id],
    queryFn: () => api.get<PublicOrder>(`/api/v1/billpay/orders/${encodeURIComponent(id)}`),
    enabled: Boolean(id),
    retry: false,
    refetchInterval: (q) => (poll(q.state.data?.status) ? 2000 : false),
  });

const deskKey = ['billpay-desk'] as const;

export const useDeskOrders = (filter: { status?: OrderStatus }, paging: PageState) =>
  useQuery({
    queryKey: [...deskKey, 'orders', filter, paging],
    queryFn: () => api.get<Paged<DeskOrder>>('/api/v1/billpay/desk/orders', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
  });

export const useCases = (status: 'open' | 'resolved') =>
  useQuery({ queryKey: [...deskKey, 'cases', status], queryFn: () => api.get<{ items: RecoveryCase[] }>('/api/v1/billpay/desk/cases', { status }) });

function useDeskCommand<B>(path: (id: string) => string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: B & { id: string }) => api.post<{ orderId: string; status: OrderStatus }>(path(id), body),
    onSuccess: () => qc.invalidateQueries({ queryKey: deskKey }),
  });
}
export const useManualClear = () => useDeskCommand<{ note: string }>((id) => `/api/v1/billpay/desk/orders/${encodeURIComponent(id)}/clear`);
export const useFraudCancel = () => useDeskCommand<{ reason: string }>((id) => `/api/v1/billpay/desk/orders/${encodeURIComponent(id)}/fraud-cancel`);

export const statusLabel = (t: Translate, s: OrderStatus) => t(`billpayStatus.${s}`);
export const STATUS_COLORS: Record<OrderStatus, string> = {
  pending: 'default',
  failed: 'default',
  expired: 'default',
  cancelled: 'default',
  paid: 'blue',
  rejected: 'red',
  clearing: 'processing',
  recovery: 'orange',
  cleared: 'green',
  fraud_cancelled: 'red',
};
export const CLEARABLE: readonly OrderStatus[] = ['clearing', 'recovery'];
export const FRAUD_CANCELLABLE: readonly OrderStatus[] = ['paid', 'clearing', 'recovery', 'cleared'];
