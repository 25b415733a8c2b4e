import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, setCsrfToken } from '../../api/client.ts';

/** Ends the session on the server (best effort) and goes to /login, which clears cached data. */
export function useLogout() {
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.post<void>('/api/v1/auth/logout'),
    onSettled: () => {
      setCsrfToken(null);
      navigate('/login', { replace: true });
    },
  });
}
