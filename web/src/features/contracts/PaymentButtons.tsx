import { App, Button, Space } from 'antd';
import { CopyOutlined, CreditCardOutlined, MailOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import type { ContractDetail } from '@contracts/contracts';
import { useT } from '../../i18n/index.tsx';
import { useSession } from '../auth/session.tsx';
import { payLinkTarget, useContractPaymentLink, useResendPaymentRequest } from '../payments/payments.ts';

/**
 * [Thanh toán] on a contract awaiting payment, for its customer or a seller: opens the contract's
 * payment link page (/pay/:token), the same page the e-mail links to, which leads on to VNPay.
 */
export function PayButton({ c }: { c: ContractDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { user, permissions } = useSession();
  const link = useContractPaymentLink(c.id);
  if (c.status !== 'awaiting_payment' || !(user.customer || permissions.includes('contract.declare'))) return null;
  return (
    <Button
      type="primary"
      icon={<CreditCardOutlined />}
      loading={link.isPending}
      onClick={() =>
        link.mutate(undefined, {
          onSuccess: (r) => {
            const target = payLinkTarget(r.link);
            if ('route' in target) navigate(target.route);
            else window.location.assign(target.href);
          },
          onError: (e) => message.error(e.message),
        })
      }
      data-testid="contract-pay"
    >
      {t('pay.button')}
    </Button>
  );
}

/** For the seller of a contract awaiting payment: copy the payment link (to send it by chat) or e-mail it again. */
export function PaymentLinkActions({ c }: { c: ContractDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const { user, permissions } = useSession();
  const link = useContractPaymentLink(c.id);
  const resend = useResendPaymentRequest(c.id);
  if (c.status !== 'awaiting_payment' || user.customer || !permissions.includes('contract.declare')) return null;
  const copy = () =>
    link.mutate(undefined, {
      onSuccess: async (r) => {
        await navigator.clipboard.writeText(new URL(r.link, window.location.origin).href).then(
          () => message.success(t('pay.linkCopied')),
          () => message.info(new URL(r.link, window.location.origin).href, 10),
        );
      },
      onError: (e) => message.error(e.message),
    });
  return (
    <Space.Compact>
      <Button icon={<CopyOutlined />} loading={link.isPending} onClick={copy} data-testid="contract-copy-link">
        {t('pay.copyLink')}
      </Button>
      <Button
        icon={<MailOutlined />}
        loading={resend.isPending}
        onClick={() => resend.mutate(undefined, { onSuccess: () => message.success(t('pay.resent')), onError: (e) => message.error(e.message) })}
        data-testid="contract-resend-link"
      >
        {t('pay.resend')}
      </Button>
    </Space.Compact>
  );
}
