import { useEffect, useState } from 'react';
import { Button, Divider } from 'antd';
import { AppleFilled, GoogleOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { OidcProviderList } from '@contracts/identity';
import { useT } from '../../i18n/index.tsx';

type Provider = OidcProviderList['items'][number];

/** Only a path on this site, as the server also insists. */
const localPath = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') ? next : '/');

/**
 * "Sign in with Google / Apple": one button per provider the server has enabled (none: nothing shown).
 * A plain link: the browser goes to the provider and comes back signed in, or to /login?oidcError=CODE.
 * Fetched without the query cache, which the login page clears when it opens.
 */
export function OidcButtons({ next }: { next: string | null }) {
  const t = useT();
  const [providers, setProviders] = useState<Provider[]>([]);
  useEffect(() => {
    let live = true;
    api.get<OidcProviderList>('/api/v1/auth/oidc/providers').then(
      (r) => live && setProviders(r.items),
      () => undefined, // no providers shown: password sign-in still works
    );
    return () => {
      live = false;
    };
  }, []);
  if (providers.length === 0) return null;
  const returnTo = encodeURIComponent(localPath(next));
  return (
    <>
      <Divider plain style={{ margin: '20px 0 16px' }}>
        {t('auth.oidc.or')}
      </Divider>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
        {providers.map((p) => (
          <Button
            key={p.id}
            block
            size="large"
            icon={p.id === 'google' ? <GoogleOutlined /> : <AppleFilled />}
            href={`/api/v1/auth/oidc/${p.id}/start?returnTo=${returnTo}`}
            data-testid={`login-oidc-${p.id}`}
          >
            {t(p.id === 'google' ? 'auth.oidc.google' : 'auth.oidc.apple')}
          </Button>
        ))}
      </div>
    </>
  );
}
