import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { ROLES, type User } from '../../api/types.ts';
import type { Translate } from '../../i18n/index.tsx';
import { roleLabel } from '../../ui/RoleTags.tsx';

export const usersKey = ['admin-users'] as const;

export interface CreateUserBody {
  username: string;
  password: string;
  fullName: string;
  email: string;
  phone?: string;
  roles: string[];
  orgUnitId?: string;
}

export interface UpdateUserBody {
  fullName?: string;
  email?: string;
  phone?: string | null;
  roles?: string[];
  orgUnitId?: string | null;
  status?: string;
  password?: string;
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<User>('/api/v1/admin/users', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useUpdateUser(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateUserBody) => api.patch<User>(`/api/v1/admin/users/${encodeURIComponent(id)}`, body),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: usersKey }), queryClient.invalidateQueries({ queryKey: ['me'] })]),
  });
}

export const roleOptions = (t: Translate) => ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }));

export const STATUS_COLORS: Record<string, string> = { active: 'green', disabled: 'default' };
