import { Link } from 'react-router';
import { useT } from '../../i18n/index.tsx';

/** Logo mark + product name; `compact` shows the mark only. */
export function Brand({ compact = false }: { compact?: boolean }) {
  const t = useT();
  return (
    <Link to="/" className="brand" aria-label={t('app.name')}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {!compact && (
        <span className="brand-text">
          <strong>{t('app.name')}</strong>
          <small>MobiFone</small>
        </span>
      )}
    </Link>
  );
}
