import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Account, Meeting, MeetingReport, Org, Room, Unit } from '@contracts/meeting';
import { api } from '../../api/client.ts';

export const meetingKey = ['meeting'] as const;

/** The caller's organisation; a 404 (NO_ORGANISATION) is an answer, not an error to retry. */
export const useOrg = () => useQuery({ queryKey: [...meetingKey, 'org'], queryFn: () => api.get<Org>('/api/v1/meeting/org'), retry: false });

const list = <T,>(path: string, enabled = true) => useQuery({ queryKey: [...meetingKey, path], queryFn: () => api.get<{ items: T[] }>(path), enabled });
export const useRooms = (enabled = true) => list<Room>('/api/v1/meeting/rooms', enabled);
export const useMeetings = (enabled = true) => list<Meeting>('/api/v1/meeting/meetings', enabled);
export const useAccounts = (enabled = true) => list<Account>('/api/v1/meeting/accounts', enabled);
export const useUnits = (enabled = true) => list<Unit>('/api/v1/meeting/units', enabled);
export interface LiveRoom { meetingId: string; roomId: string; roomName: string; title: string; startedAt: string | null; participants: { participantId: string; displayName: string; role: string }[] }
export const useLive = (enabled = true) => list<LiveRoom>('/api/v1/meeting/live', enabled);
export interface MonthUsage { month: string; meetings: number; minutes: number; participantMinutes: number; peakParticipants: number }
export const useUsage = (enabled = true) => list<MonthUsage>('/api/v1/meeting/usage', enabled);
export interface ApiKeyRow { id: string; name: string; prefix: string; createdAt: string; revokedAt: string | null }
export const useApiKeys = (enabled = true) => list<ApiKeyRow>('/api/v1/meeting/api-keys', enabled);
export interface WebhookView { url: string | null; deliveries: { id: string; event: string; meetingId: string; status: string; attempts: number; lastError: string | null; createdAt: string }[] }
export const useWebhook = (enabled = true) => useQuery({ queryKey: [...meetingKey, 'webhook'], queryFn: () => api.get<WebhookView>('/api/v1/meeting/webhook'), enabled });
export const useReport = (id: string | null) =>
  useQuery({ queryKey: [...meetingKey, 'report', id], queryFn: () => api.get<MeetingReport>(`/api/v1/meeting/meetings/${encodeURIComponent(id ?? '')}`), enabled: !!id });

/** A command on the module; every query of the module is fresh after it. */
export function useCommand<B, T = unknown>(send: (body: B) => Promise<T>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => qc.invalidateQueries({ queryKey: meetingKey }) });
}

export const commands = {
  startTrial: () => api.post<Org>('/api/v1/meeting/trial'),
  createRoom: (b: { name: string; fixed?: boolean; allowedUnitIds?: string[]; allowedUserIds?: string[]; maxParticipants?: number }) => api.post<Room>('/api/v1/meeting/rooms', b),
  updateRoom: ({ id, ...b }: { id: string; fixed?: boolean; allowedUnitIds?: string[]; allowedUserIds?: string[] }) => api.patch<Room>(`/api/v1/meeting/rooms/${id}`, b),
  deleteRoom: (id: string) => api.delete(`/api/v1/meeting/rooms/${id}`),
  createMeeting: (b: { roomId: string; title?: string; scheduledAt?: string; invite?: string[] }) => api.post<Meeting>('/api/v1/meeting/meetings', b),
  invite: ({ id, emails }: { id: string; emails: string[] }) => api.post<{ invited: number }>(`/api/v1/meeting/meetings/${id}/invite`, { emails }),
  end: (id: string) => api.post<Meeting>(`/api/v1/meeting/meetings/${id}/end`),
  join: (id: string) => api.post<{ joinToken: string; roomUrl: string }>(`/api/v1/meeting/meetings/${id}/join`),
  addAccount: (b: Record<string, unknown>) => api.post<Account>('/api/v1/meeting/accounts', b),
  editAccount: ({ userId, ...b }: { userId: string } & Record<string, unknown>) => api.patch<Account>(`/api/v1/meeting/accounts/${userId}`, b),
  removeAccount: (userId: string) => api.delete(`/api/v1/meeting/accounts/${userId}`),
  createUnit: (b: { name: string; userIds?: string[] }) => api.post<Unit>('/api/v1/meeting/units', b),
  deleteUnit: (id: string) => api.delete(`/api/v1/meeting/units/${id}`),
  createKey: (b: { name: string }) => api.post<ApiKeyRow & { key: string }>('/api/v1/meeting/api-keys', b),
  revokeKey: (id: string) => api.delete(`/api/v1/meeting/api-keys/${id}`),
  setWebhook: (b: { url: string }) => api.put<{ url: string; secret: string }>('/api/v1/meeting/webhook', b),
};

/** Splits "a@x.vn, b@y.vn; c@z.vn" into addresses. */
export const emailsOf = (text: string | undefined) => (text ?? '').split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean);
