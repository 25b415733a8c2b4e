import { useEffect, useState, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Result, Skeleton, Spin, Typography } from 'antd';
import { ClockCircleOutlined, FileProtectOutlined, HomeOutlined, LoginOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link, useLocation } from 'react-router';
import { api } from '../../api/client.ts';
import type { PayReturnInfo } from '@contracts/payments';
import { useT } from '../../i18n/index.tsx';
import { Money } from '../../ui/Money.tsx';
import { hasAnyRole, useMaybeSession } from '../auth/session.tsx';
import { AREAS } from '../layout/areas.tsx';
import { Hotline, PayDetails } from './PayLinkPage.tsx';
import { responseCodeText } from './payments.ts';

type Outcome = 'success' | 'failed' | 'pending' | 'invalid';
const POLL_MS = 2000;
const WAIT_MS = 30_000;

const actions = (...buttons: ReactNode[]) => (
  <Flex gap={8} justify="center" wrap className="pay-actions">
    {buttons}
  </Flex>
);

const outcomeOf = (d: PayReturnInfo): Outcome =>
  !d.valid || !d.found ? 'invalid' : d.attemptStatus === 'success' ? 'success' : d.attemptStatus === 'failed' ? 'failed' : 'pending';

/**
 * `/payments/vnpay/return`: where VNPay sends the browser back. The page shows the result QLDV holds,
 * which only VNPay's IPN sets (D3); while it has not arrived, it asks again every 2 s for 30 s.
 */
export function PayReturnPage() {
  const t = useT();
  const { search } = useLocation();
  const session = useMaybeSession();
  const [waitUntil, setWaitUntil] = useState(() => Date.now() + WAIT_MS);
  const [timedOut, setTimedOut] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setTimedOut(true), Math.max(0, waitUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [waitUntil]);

  const result = useQuery({
    queryKey: ['vnpay-return', search],
    queryFn: () => api.get<PayReturnInfo>(`/api/v1/payments/vnpay/return${search}`),
    retry: false,
    refetchInterval: (q) => (q.state.data && outcomeOf(q.state.data) === 'pending' && !timedOut ? POLL_MS : false),
  });
  const d = result.data;
  const outcome: Outcome | undefined = d ? outcomeOf(d) : result.error ? 'invalid' : undefined;

  const checkAgain = () => {
    setTimedOut(false);
    setWaitUntil(Date.now() + WAIT_MS);
    void result.refetch();
  };

  const contractLink: ReactNode = d?.contractId ? (
    session ? (
      hasAnyRole(session.user, AREAS.contracts.roles) && (
        <Link to={`/contracts/${d.contractId}`} key="contract">
          <Button type="primary" icon={<FileProtectOutlined />} data-testid="pay-result-contract">
            {t('payReturn.viewContract')}
          </Button>
        </Link>
      )
    ) : (
      <Link to={`/login?next=${encodeURIComponent(`/contracts/${d.contractId}`)}`} key="contract">
        <Button type="primary" icon={<LoginOutlined />} data-testid="pay-result-contract">
          {t('payReturn.signInForContract')}
        </Button>
      </Link>
    )
  ) : null;
  const home = (
    <Link to="/" key="home">
      <Button icon={<HomeOutlined />}>{t('error.backHome')}</Button>
    </Link>
  );

  let body: ReactNode;
  if (!outcome) {
    body = <Skeleton active paragraph={{ rows: 4 }} />;
  } else if (outcome === 'invalid') {
    body = (
      <Result
        status="warning"
        title={t('payReturn.invalid')}
        subTitle={
          <>
            <div>{result.error ? result.error.message : d?.message}</div>
            <Hotline />
          </>
        }
        extra={home}
      />
    );
  } else {
    const code = d?.responseCode ?? '';
    const details = (
      <PayDetails
        items={[
          ...(d?.amountVnd ? [{ key: 'amount', label: t('pay.amount'), children: <strong><Money value={d.amountVnd} /></strong> }] : []),
          { key: 'txn', label: t('payReturn.txnRef'), children: <span className="mono">{d?.txnRef}</span> },
          ...(outcome === 'failed' && code ? [{ key: 'code', label: t('payReturn.responseCode'), children: code }] : []),
        ]}
      />
    );
    if (outcome === 'success') {
      body = (
        <Result status="success" title={t('payReturn.success')} subTitle={t('payReturn.successHint')}>
          {details}
          {actions(contractLink, home)}
        </Result>
      );
    } else if (outcome === 'failed') {
      body = (
        <Result status="error" title={t('payReturn.failed')} subTitle={code ? responseCodeText(t, code) : d?.message}>
          {details}
          <Typography.Paragraph type="secondary" className="pay-note">
            {t('payReturn.retryHint')}
          </Typography.Paragraph>
          {actions(contractLink, home)}
        </Result>
      );
    } else {
      body = (
        <Result
          icon={timedOut ? <ClockCircleOutlined style={{ color: '#fa8c16' }} /> : <Spin size="large" />}
          title={t('payReturn.pending')}
          subTitle={timedOut ? t('payReturn.pendingLong') : t('payReturn.pendingHint')}
        >
          {details}
          {actions(
            timedOut && (
              <Button key="again" icon={<ReloadOutlined />} onClick={checkAgain} loading={result.isFetching} data-testid="pay-result-refresh">
                {t('payReturn.checkAgain')}
              </Button>
            ),
            contractLink,
          )}
        </Result>
      );
    }
  }

  return (
    <div className="pay-page">
      <Card className="pay-card" title={<span className="pay-card-title">{t('payReturn.title')}</span>}>
        <div data-testid="pay-result" data-status={outcome ?? 'loading'}>
          {body}
        </div>
      </Card>
    </div>
  );
}
