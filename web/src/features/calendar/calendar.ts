import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { CalendarOverride, Holiday, NewOverride, WorkingHours } from '@contracts/calendar';

const overridesKey = ['calendar-overrides'] as const;

export const useHolidays = (year: number) =>
  useQuery({
    queryKey: ['calendar-holidays', year],
    queryFn: () => api.get<{ items: Holiday[] }>('/api/v1/calendar/holidays', { year }),
    select: (d) => d.items,
  });

export const useOverrides = (year: number) =>
  useQuery({
    queryKey: [...overridesKey, year],
    queryFn: () => api.get<{ items: CalendarOverride[] }>('/api/v1/calendar/overrides', { year }),
    select: (d) => d.items,
  });

export const useWorkingHours = () =>
  useQuery({
    queryKey: ['calendar-working-hours'],
    queryFn: () => api.get<WorkingHours>('/api/v1/calendar/working-hours'),
    staleTime: 10 * 60_000,
  });

export function useAddOverride() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewOverride) => api.post<CalendarOverride>('/api/v1/calendar/overrides', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: overridesKey }),
  });
}

export function useDeleteOverride() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/v1/calendar/overrides/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: overridesKey }),
  });
}

export type DayKind = Holiday['kind'] | CalendarOverride['kind'];

export const KIND_COLORS: Record<DayKind, string> = {
  statutory: 'red',
  substitute: 'orange',
  off: 'magenta',
  work: 'blue',
};
