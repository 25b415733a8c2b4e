import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ChangePassword, OwnSession } from '@contracts/identity';
import { api } from '../../api/client.ts';

const sessionsKey = ['me', 'sessions'] as const;

export const useOwnSessions = () => useQuery({ queryKey: sessionsKey, queryFn: () => api.get<{ items: OwnSession[] }>('/api/v1/me/sessions') });

/** Ends one session (an id) or every other one ('others'). */
export function useEndSessions() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (which: string) => api.delete(which === 'others' ? '/api/v1/me/sessions' : `/api/v1/me/sessions/${encodeURIComponent(which)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePassword) => api.post('/api/v1/me/password', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsKey }),
  });
}

const BROWSERS: [string, RegExp][] = [['Edge', /Edg\//], ['Opera', /OPR\//], ['Firefox', /Firefox\//], ['Chrome', /Chrome\//], ['Safari', /Safari\//]];
const SYSTEMS: [string, RegExp][] = [['Windows', /Windows/], ['Android', /Android/], ['iOS', /iPhone|iPad/], ['macOS', /Mac OS X/], ['Linux', /Linux/]];

/** "Firefox · Windows" from a user-agent string; the raw start of it when no browser is recognised. */
export function describeAgent(ua: string | null): string {
  if (!ua) return '—';
  const browser = BROWSERS.find(([, re]) => re.test(ua))?.[0];
  if (!browser) return ua.slice(0, 60);
  const system = SYSTEMS.find(([, re]) => re.test(ua))?.[0];
  return system ? `${browser} · ${system}` : browser;
}
