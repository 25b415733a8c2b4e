import { Layout } from 'antd';
import { useT } from '../../i18n/index.tsx';

/** The footer every shell shows: the system's name and the company's. */
export function AppFooter() {
  const t = useT();
  return (
    <Layout.Footer className="app-footer">
      {t('app.name')} — {t('app.title')} · {t('app.company')}
    </Layout.Footer>
  );
}
