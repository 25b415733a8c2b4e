import { useState } from 'react';
import { Button, Card, Flex, Result, Skeleton, Typography } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { Money } from '../../ui/Money.tsx';
import { Hotline } from '../payments/PayLinkPage.tsx';
import { statusLabel, usePublicOrder, type OrderStatus } from './billpay.ts';
import { VatInvoiceDialog } from './VatInvoiceDialog.tsx';

/** Statuses the page keeps asking about: the IPN, the risk check and the clearing follow the return within minutes. */
const SETTLING: readonly (OrderStatus | undefined)[] = [undefined, 'pending', 'paid', 'clearing'];

/**
 * `/billpay/return?order=…`: where VNPay sends the browser back. It shows what QLDV holds (set only
 * by VNPay's IPN and the clearing), asking again every 2 s while the order is still settling.
 */
export function BillpayReturnPage() {
  const t = useT();
  const [params] = useSearchParams();
  const id = params.get('order') ?? '';
  const order = usePublicOrder(id, (s) => SETTLING.includes(s));
  const [askVat, setAskVat] = useState(false);
  const o = order.data;
  let body;
  if (order.error || !id) {
    body = <Result status="warning" title={t('billpay.failedResult')} subTitle={order.error?.message} />;
  } else if (!o) {
    body = <Skeleton active />;
  } else {
    const status = o.status === 'cleared' ? 'success' : ['pending', 'paid', 'clearing', 'recovery'].includes(o.status) ? 'info' : 'error';
    const title =
      o.status === 'cleared'
        ? t('billpay.cleared')
        : o.status === 'pending'
          ? t('billpay.waiting')
          : ['paid', 'clearing', 'recovery'].includes(o.status)
            ? t('billpay.processing')
            : ['rejected', 'fraud_cancelled'].includes(o.status)
              ? t('billpay.cancelledResult')
              : t('billpay.failedResult');
    body = (
      <Result
        status={status}
        title={<span data-testid="billpay-result" data-status={o.status}>{title}</span>}
        subTitle={
          <>
            <div>
              {o.msisdn} · <Money value={o.amountVnd} /> · {statusLabel(t, o.status)}
            </div>
            <Typography.Text type="secondary">
              {t('billpay.order')}: {o.orderId}
            </Typography.Text>
          </>
        }
        extra={
          <Flex gap={8} justify="center" wrap>
            {o.status === 'cleared' && (
              <Button onClick={() => setAskVat(true)} data-testid="billpay-vat">
                {t('billpay.vatAsk')}
              </Button>
            )}
            <Link to="/billpay">
              <Button type="primary">{t('billpay.again')}</Button>
            </Link>
          </Flex>
        }
      />
    );
  }
  return (
    <div className="pay-page">
      <Card className="pay-card" title={<span className="pay-card-title">{t('billpay.returnTitle')}</span>}>
        {body}
        {askVat && o && <VatInvoiceDialog order={o} onClose={() => setAskVat(false)} />}
        <div className="pay-footer">
          <Hotline />
        </div>
      </Card>
    </div>
  );
}
