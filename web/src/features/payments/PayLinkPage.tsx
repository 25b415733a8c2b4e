import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Typography, type DescriptionsProps } from 'antd';
import { CheckCircleFilled, LockOutlined, PhoneOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import type { PayLinkInfo } from '@contracts/payments';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatNumber } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';
import { monthsLabel } from '../catalog/catalog.ts';
import { paymentStatusLabel } from './payments.ts';

const linkPath = (token: string) => `/api/v1/pay/${encodeURIComponent(token)}`;

/** "Tổng đài 9090": who to call when a link does not work. */
export function Hotline() {
  const t = useT();
  return (
    <Typography.Text type="secondary" className="pay-hotline">
      <PhoneOutlined /> {t('pay.hotline')} <a href="tel:9090">9090</a>
    </Typography.Text>
  );
}

/** The small bordered list of a payment's facts on the public payment pages. */
export function PayDetails({ items }: { items: DescriptionsProps['items'] }) {
  return <Descriptions size="small" column={1} bordered className="pay-details" items={items} />;
}

/**
 * `/pay/:token` (D1): the link of the payment e-mail. No sign-in: the token is the key. Shows what is
 * paid for, then [Thanh toán] opens a new VNPay attempt and the browser leaves for VNPay.
 */
export function PayLinkPage() {
  const t = useT();
  const { token = '' } = useParams();
  const info = useQuery({ queryKey: ['pay-link', token], queryFn: () => api.get<PayLinkInfo>(linkPath(token)), retry: false });
  const start = useMutation({
    mutationFn: () => api.post<{ payUrl: string }>(`${linkPath(token)}/start`, {}),
    onSuccess: ({ payUrl }) => window.location.assign(payUrl),
    // Paid meanwhile (another tab, another person): show the current state.
    onError: () => void info.refetch(),
  });

  let body;
  if (info.error) {
    const expired = info.error instanceof ApiError && info.error.code === 'PAYMENT_LINK_EXPIRED';
    const invalid = info.error instanceof ApiError && info.error.status === 404;
    body = (
      <Result
        status={expired || invalid ? 'warning' : 'error'}
        title={expired ? t('pay.expired') : invalid ? t('pay.invalid') : t('error.loadFailed')}
        subTitle={
          <>
            <div>{expired ? t('pay.expiredHint') : invalid ? t('pay.invalidHint') : info.error.message}</div>
            <Hotline />
          </>
        }
        data-testid="pay-error"
        data-code={expired ? 'expired' : invalid ? 'invalid' : 'error'}
      />
    );
  } else if (!info.data) {
    body = <Skeleton active paragraph={{ rows: 6 }} />;
  } else {
    const d = info.data;
    const paid = d.status === 'paid' || d.status === 'partially_refunded' || d.status === 'refunded';
    body = (
      <>
        <div className="pay-amount-box">
          <Typography.Text type="secondary">{t('pay.amount')}</Typography.Text>
          <div className="pay-amount" data-testid="pay-amount">
            <Money value={d.amountVnd} />
          </div>
          <span className={`pay-status pay-status-${d.status}`} data-testid="pay-status" data-status={d.status}>
            {paid && <CheckCircleFilled />} {paid ? t('pay.paid') : paymentStatusLabel(t, d.status)}
            {paid && d.paidAt && (
              <>
                {' · '}
                <DateTime value={d.paidAt} />
              </>
            )}
          </span>
        </div>
        <PayDetails
          items={[
            { key: 'customer', label: t('pay.customer'), children: <strong>{d.customer.name}</strong> },
            ...(d.customer.taxCode ? [{ key: 'tax', label: t('pay.taxCode'), children: d.customer.taxCode }] : []),
            { key: 'contract', label: t('pay.contract'), children: <span data-testid="pay-contract">{d.contract.number}</span> },
            { key: 'quantity', label: t('contract.quantity'), children: formatNumber(d.contract.quantity) },
            { key: 'period', label: t('contract.period'), children: monthsLabel(t, d.contract.periodMonths) },
            { key: 'description', label: t('pay.description'), children: d.description },
          ]}
        />
        {start.error && (
          <Alert type="error" showIcon title={start.error.message} description={<Hotline />} style={{ marginTop: 16 }} data-testid="pay-error" data-code="start" />
        )}
        {d.status === 'pending' ? (
          <>
            <Button
              type="primary"
              size="large"
              block
              className="pay-button"
              icon={<LockOutlined />}
              loading={start.isPending || start.isSuccess}
              onClick={() => start.mutate()}
              data-testid="pay-button"
            >
              {t('pay.button')}
            </Button>
            <Typography.Paragraph type="secondary" className="pay-note">
              {t('pay.vnpayNote')}
            </Typography.Paragraph>
          </>
        ) : (
          !paid && <Alert type="info" showIcon title={t('pay.notPayable', { status: paymentStatusLabel(t, d.status) })} style={{ marginTop: 16 }} />
        )}
        <div className="pay-footer">
          <Hotline />
        </div>
      </>
    );
  }

  return (
    <div className="pay-page">
      <Card className="pay-card" title={<span className="pay-card-title">{t('pay.title')}</span>}>
        {body}
      </Card>
    </div>
  );
}
