import { App, Button, Card, Typography } from 'antd';
import { ShoppingCartOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useSession } from '../auth/session.tsx';
import { ContractTable } from '../contracts/ContractTable.tsx';
import { useSelfServiceContract } from '../contracts/contracts.ts';
import { QuoteCalculator } from '../quote/QuoteCalculator.tsx';

const MINE = {};

/** Self-service (C1): a customer picks a package, sees the live quote, registers and goes to pay. */
export function PackagesPage() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user } = useSession();
  const buy = useSelfServiceContract();

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
            loading={buy.isPending}
            data-testid="packages-buy"
            onClick={() =>
              buy.mutate(
                { product: sel.product.code, quantity: sel.quantity, ...(sel.periodMonths ? { periodMonths: sel.periodMonths } : {}) },
                {
                  onSuccess: (c) => {
                    message.success(t('packages.created', { number: c.number }));
                    navigate(`/contracts/${c.id}`);
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
