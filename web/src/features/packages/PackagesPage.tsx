import { App, Button, Card, Typography } from 'antd';
import { ShoppingCartOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useSession } from '../auth/session.tsx';
import { ContractTable } from '../contracts/ContractTable.tsx';
import { useOrder } from '../payments/payments.ts';
import { QuoteCalculator } from '../quote/QuoteCalculator.tsx';

const MINE = {};

/** Self-service (C1): a customer picks a package, sees the live quote, orders it and pays at once through VNPay. */
export function PackagesPage() {
  const t = useT();
  const { message } = App.useApp();
  const { user } = useSession();
  const buy = useOrder();

  return (
    <>
      <PageHeader title={t('packages.title')} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t('packages.subtitle')}
      </Typography.Paragraph>
      <QuoteCalculator
        action={(sel, quote) => (
          <Button
            type="primary"
            size="large"
            block
            icon={<ShoppingCartOutlined />}
            disabled={!quote || !user.customer}
            loading={buy.isPending || buy.isSuccess}
            data-testid="packages-buy"
            onClick={() =>
              buy.mutate(
                { product: sel.product.code, quantity: sel.quantity, ...(sel.periodMonths ? { periodMonths: sel.periodMonths } : {}) },
                {
                  onSuccess: ({ payUrl }) => {
                    message.loading(t('packages.toVnpay'));
                    window.location.assign(payUrl);
                  },
                  onError: (e) => message.error(e.message),
                },
              )
            }
          >
            {t('packages.buy')}
          </Button>
        )}
      />
      <Card size="small" title={t('packages.mine')} style={{ marginTop: 16 }}>
        <ContractTable filter={MINE} compact />
      </Card>
    </>
  );
}
