import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ROLES, type NewUser, type User, type UserPatch } from '@contracts/identity';
import type { Translate } from '../../i18n/index.tsx';
import { roleLabel } from '../../ui/RoleTags.tsx';

export const usersKey = ['admin-users'] as const;

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) => api.post<User>('/api/v1/admin/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UserPatch) => api.patch<User>(`/api/v1/admin/users/${encodeURIComponent(id)}`, body),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: usersKey }), queryClient.invalidateQueries({ queryKey: ['me'] })]),
  });
}

export const roleOptions = (t: Translate) => ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }));

export const STATUS_COLORS: Record<User['status'], string> = { active: 'green', disabled: 'default' };
