import { Typography } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QuoteCalculator } from './QuoteCalculator.tsx';

/** Public price calculator: also open when signed out (linked from the sign-in page). */
export function QuotePage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('quote.title')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('quote.subtitle')}
      </Typography.Paragraph>
      <QuoteCalculator />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        {t('quote.hotline')}
      </Typography.Paragraph>
    </>
  );
}
