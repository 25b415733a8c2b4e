import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { setCsrfToken } from '../../api/client.ts';
import type { SignedIn } from '@contracts/identity';

/** After login / registration: keep the CSRF token and go to `?next=` (same-site paths only) or home. */
export function useSignedIn() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (res: SignedIn) => {
    setCsrfToken(res.csrfToken);
    queryClient.removeQueries();
    const next = params.get('next');
    navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  };
}
