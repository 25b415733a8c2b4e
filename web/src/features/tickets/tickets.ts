import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import type { ContractSummary } from '@contracts/contracts';
import type { Role } from '@contracts/identity';
import type { Paged } from '@shared/fields.ts';
import {
  DEFAULT_SLA_POLICIES,
  type Level,
  type RequestType,
  type SlaPolicy,
  type Stage,
  type TicketAttachment,
  type Channel as TicketChannel,
  type NewTicket,
  type TicketDetail,
  type TicketEventBody,
  type TicketLookup,
  type TicketStatus,
  type TicketSummary,
} from '@contracts/support';
import type { Translate } from '../../i18n/index.tsx';
import type { PageState } from '../../ui/paging.ts';

export const ticketsKey = ['tickets'] as const;

/** Staff who take requests in (F1, step 1.1): the intake form and its menu entry. */
export const INTAKE_ROLES: readonly Role[] = ['call_center', 'am', 'kam'];
/** Staff who work the queues (`ticket.read`). */
export const QUEUE_ROLES: readonly Role[] = ['admin', 'am', 'kam', 'call_center', 'product_ctkv', 'gpth', 'approver_ctkv', 'approver_ttcntt', 'ops'];
/** Roles that hold a stage of the flow; the others have no "my unit" queue of their own. */
export const DESK_ROLES: readonly Role[] = ['call_center', 'am', 'kam', 'product_ctkv', 'gpth'];

export type TicketScope = 'mine' | 'all';

export interface TicketFilter {
  scope?: TicketScope;
  status?: TicketStatus;
  level?: Level;
  requestType?: RequestType;
  stage?: Stage;
  breached?: boolean;
  q?: string;
}

export const ticketPath = (id: string) => `/api/v1/tickets/${encodeURIComponent(id)}`;

export const useTickets = (filter: TicketFilter, paging: PageState, opts: { refetchInterval?: number } = {}) =>
  useQuery({
    queryKey: [...ticketsKey, 'list', filter, paging],
    queryFn: () => api.get<Paged<TicketSummary>>('/api/v1/tickets', { ...filter, ...paging }),
    placeholderData: keepPreviousData,
    refetchInterval: opts.refetchInterval ?? 60_000,
  });

/** The CSV/Excel download of a queue: a plain link, so the browser sends the session cookie. */
export const exportUrl = (format: 'csv' | 'xlsx', filter: TicketFilter) => withQuery('/api/v1/tickets/export', { format, ...filter });

export const useTicket = (id: string | undefined) =>
  useQuery({
    queryKey: [...ticketsKey, 'detail', id],
    queryFn: () => api.get<TicketDetail>(ticketPath(id!)),
    enabled: !!id,
    // Clocks move: keep the page fresh while it is open.
    refetchInterval: 60_000,
  });

export const useTicketLookup = (phone: string | null) =>
  useQuery({
    queryKey: [...ticketsKey, 'lookup', phone],
    queryFn: () => api.get<TicketLookup>('/api/v1/tickets/lookup', { phone }),
    enabled: !!phone,
    retry: false,
  });

/** The SLA policies; readers without access fall back to the seed's table (used to colour deadlines). */
export const useSlaPolicies = (enabled = true) =>
  useQuery({
    queryKey: ['sla-policies'],
    queryFn: () => api.get<{ items: SlaPolicy[] }>('/api/v1/support/sla-policies'),
    enabled,
    retry: false,
    staleTime: 5 * 60_000,
  });

export function policyOf(items: SlaPolicy[] | undefined, type: RequestType): SlaPolicy {
  return items?.find((p) => p.requestType === type) ?? DEFAULT_SLA_POLICIES[type];
}

/** Ticket detail, lists and dashboards move together. */
function useInvalidateTickets() {
  const queryClient = useQueryClient();
  return () => Promise.all([queryClient.invalidateQueries({ queryKey: ticketsKey }), queryClient.invalidateQueries({ queryKey: ['support'] })]);
}


export function useCreateTicket() {
  const invalidate = useInvalidateTickets();
  return useMutation({
    mutationFn: (body: NewTicket) => api.post<TicketDetail>('/api/v1/tickets', body),
    onSuccess: invalidate,
  });
}


export function useTicketEvent(id: string) {
  const invalidate = useInvalidateTickets();
  return useMutation({
    mutationFn: (body: TicketEventBody) => api.post<TicketDetail>(`${ticketPath(id)}/events`, body),
    onSuccess: invalidate,
  });
}

export function useTicketComment(id: string) {
  const invalidate = useInvalidateTickets();
  return useMutation({
    mutationFn: (body: { body: string; visibility: 'internal' | 'customer' }) => api.post<TicketDetail>(`${ticketPath(id)}/comments`, body),
    onSuccess: invalidate,
  });
}

// ---- attachments ---------------------------------------------------------------------------------

export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];
export const ATTACHMENT_ACCEPT = '.pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

/** Why a file cannot be attached (checked again by the server from its bytes), or null. */
export function attachmentProblem(t: Translate, file: File): string | null {
  if (file.size > MAX_ATTACHMENT_BYTES) return t('ticket.attachTooBig', { name: file.name });
  const typeOk = ATTACHMENT_TYPES.includes(file.type) || /\.(pdf|png|jpe?g)$/i.test(file.name);
  return typeOk ? null : t('ticket.attachBadType', { name: file.name });
}

function toBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

export const uploadAttachment = async (ticketId: string, file: File) =>
  api.post<TicketAttachment>(`${ticketPath(ticketId)}/attachments`, { name: file.name, contentBase64: await toBase64(file) });

export function useUploadAttachment(ticketId: string) {
  const invalidate = useInvalidateTickets();
  return useMutation({ mutationFn: (file: File) => uploadAttachment(ticketId, file), onSuccess: invalidate });
}

export const attachmentUrl = (ticketId: string, fileId: string) => `${ticketPath(ticketId)}/attachments/${encodeURIComponent(fileId)}`;

// ---- labels --------------------------------------------------------------------------------------

export const requestTypeLabel = (t: Translate, v: string) => t.maybe(`requestType.${v}`) ?? v;
export const ticketChannelLabel = (t: Translate, v: string) => t.maybe(`ticketChannel.${v}`) ?? v;
export const ticketStatusLabel = (t: Translate, v: string) => t.maybe(`ticketStatus.${v}`) ?? v;
export const stageLabel = (t: Translate, v: string) => t.maybe(`stage.${v}`) ?? v;
export const stageLongLabel = (t: Translate, v: string) => t.maybe(`stageLong.${v}`) ?? v;
export const levelLabel = (t: Translate, level: number) => t('level.label', { level });
export const eventLabel = (t: Translate, e: string) => t.maybe(`ticketEvent.${e}`) ?? e;
export const logLabel = (t: Translate, e: string | null) => (e ? (t.maybe(`ticketLog.${e}`) ?? e) : t('ticketLog.comment'));

export const TICKET_STATUS_COLORS: Record<TicketStatus, string> = {
  new: 'blue',
  in_progress: 'processing',
  waiting_customer: 'gold',
  resolved: 'green',
  closed: 'default',
  reopened: 'volcano',
};

export const LEVEL_COLORS: Record<number, string> = { 1: 'green', 2: 'cyan', 3: 'orange', 4: 'red' };

/** Channels each kind of receiver normally takes requests from (the first is the default). */
export function defaultChannel(roles: readonly string[]): TicketChannel {
  if (roles.includes('call_center')) return 'hotline_9090';
  if (roles.includes('am') || roles.includes('kam')) return 'am_kam';
  return 'hotline_9090';
}

// ---- durations and deadlines ---------------------------------------------------------------------

/** Minutes as "4 giờ", "1 giờ 30 phút", "45 phút"; with `days`, spans of 3 days and more as "3 ngày 5 giờ" (SLA budgets stay in hours). */
export function formatMinutes(t: Translate, minutes: number, days = false): string {
  const total = Math.max(0, Math.round(minutes));
  if (total < 60) return t('duration.m', { m: total });
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (days && h >= 72) {
    const d = Math.floor(h / 24);
    const rh = h % 24;
    return rh ? t('duration.dh', { d, h: rh }) : t('duration.d', { d });
  }
  return m ? t('duration.hm', { h, m }) : t('duration.h', { h });
}

export type SlaTone = 'ok' | 'warning' | 'breached' | 'paused' | 'none';

/**
 * Colour of a deadline: red once past it, orange once warned or under 25 % of the budget is left,
 * green otherwise; grey while the clocks wait for the customer.
 */
export function slaTone(opts: { dueAt: string | null; targetMin: number | null; now: number; warned?: boolean; paused?: boolean }): SlaTone {
  if (!opts.dueAt) return 'none';
  const left = Date.parse(opts.dueAt) - opts.now;
  if (left < 0) return 'breached';
  if (opts.paused) return 'paused';
  if (opts.warned) return 'warning';
  if (opts.targetMin && left < opts.targetMin * 60_000 * 0.25) return 'warning';
  return 'ok';
}

export const TONE_COLORS: Record<SlaTone, string> = { ok: 'green', warning: 'orange', breached: 'red', paused: 'default', none: 'default' };
export const TONE_HEX: Record<SlaTone, string> = { ok: '#52c41a', warning: '#fa8c16', breached: '#f5222d', paused: '#bfbfbf', none: '#bfbfbf' };

/** Open = the clocks may still run (resolved and closed tickets have stopped). */
export const isOpen = (status: TicketStatus) => status !== 'resolved' && status !== 'closed';

/** A customer's contracts, to tie a request to one (staff: once the customer is known). */
export const useCustomerContracts = (customerId: string | undefined, self = false) =>
  useQuery({
    queryKey: ['contracts', 'list', { customerId, self }, 'for-ticket'],
    queryFn: () => api.get<Paged<ContractSummary>>('/api/v1/contracts', { customerId: self ? undefined : customerId, page: 1, pageSize: 100 }),
    enabled: self || !!customerId,
  });
