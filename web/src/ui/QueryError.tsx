import { Alert, Button } from 'antd';
import { useT } from '../i18n/index.tsx';

/** Inline error for a failed query, with a retry button. */
export function QueryError({ error, onRetry }: { error: Error | null; onRetry?: () => void }) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={t('error.loadFailed')}
      description={error.message}
      action={onRetry && <Button size="small" onClick={onRetry}>{t('common.retry')}</Button>}
      style={{ marginBottom: 16 }}
    />
  );
}
