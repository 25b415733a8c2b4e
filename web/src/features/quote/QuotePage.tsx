import { Button, Flex, Typography } from 'antd';
import { LoginOutlined, PhoneOutlined, UserAddOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QuoteCalculator } from './QuoteCalculator.tsx';

/** Public price calculator: also open when signed out (linked from the sign-in page); it leads on to buying or to sales. */
export function QuotePage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('quote.title')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('quote.subtitle')}
      </Typography.Paragraph>
      <QuoteCalculator
        action={(_, quote) => (
          <Flex vertical gap={8}>
            {quote && (
              <Link to="/login?next=%2Fpackages" data-testid="quote-buy">
                <Button type="primary" size="large" block icon={<LoginOutlined />}>
                  {t('quote.buy')}
                </Button>
              </Link>
            )}
            <Flex gap={8} wrap>
              <Link to="/register" style={{ flex: 1 }}>
                <Button block icon={<UserAddOutlined />} data-testid="quote-register">
                  {t('quote.register')}
                </Button>
              </Link>
              <a href="tel:0936110116" style={{ flex: 1 }}>
                <Button block icon={<PhoneOutlined />} data-testid="quote-contact">
                  {t('quote.contactSales')}
                </Button>
              </a>
            </Flex>
          </Flex>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        {t('quote.hotline')}
      </Typography.Paragraph>
    </>
  );
}
