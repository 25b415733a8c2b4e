import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Flex, Form, Input, Radio, Tag, Typography } from 'antd';
import { CreditCardOutlined, LockOutlined, MobileOutlined } from '@ant-design/icons';
import type { SubscriberCheck, SubscriberDetails } from '@contracts/billpay';
import { useLang, useT } from '../../i18n/index.tsx';
import { formatMoney } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';
import { MoneyInput } from '../../ui/MoneyInput.tsx';
import { requiredRule, requiredValueRule } from '../../ui/rules.ts';
import { Hotline } from '../payments/PayLinkPage.tsx';
import { checkSubscriber, createOrder, MAX_VND, MIN_VND, subscriberDetails } from './billpay.ts';

interface PayValues {
  amountVnd: string;
  cardType: 'international' | 'domestic';
  email?: string;
}

/**
 * `/billpay`: MobiFone's public payment site (SPEC E), phone first. The number first (E1: MobiFone
 * only; nothing personal is shown, E2), then the amount and the card; a postpaid subscriber who
 * registered a payment password by SMS may see name, address and debt. [Thanh toán] goes to VNPay.
 */
export function BillpayPage() {
  const t = useT();
  const { lang } = useLang();
  const [check, setCheck] = useState<SubscriberCheck | null>(null);
  const [details, setDetails] = useState<SubscriberDetails | null>(null);
  const [payForm] = Form.useForm<PayValues>();
  const lookup = useMutation({ mutationFn: (msisdn: string) => checkSubscriber(msisdn), onSuccess: setCheck });
  const reveal = useMutation({
    mutationFn: (password: string) => subscriberDetails(check!.msisdn, password),
    onSuccess: (d) => {
      setDetails(d);
      const debt = BigInt(d.debtVnd);
      if (debt >= BigInt(MIN_VND) && debt <= BigInt(MAX_VND)) payForm.setFieldValue('amountVnd', d.debtVnd);
    },
  });
  const pay = useMutation({
    mutationFn: (v: PayValues) =>
      createOrder({
        msisdn: check!.msisdn,
        kind: check!.type === 'prepaid' ? 'topup' : 'bill',
        amountVnd: v.amountVnd,
        cardType: v.cardType,
        ...(v.email?.trim() ? { email: v.email.trim() } : {}),
        locale: lang,
      }),
    onSuccess: ({ payUrl }) => window.location.assign(payUrl),
  });
  const reset = () => {
    setCheck(null);
    setDetails(null);
    lookup.reset();
    reveal.reset();
    pay.reset();
  };

  const numberStep = (
    <Form<{ msisdn: string }> layout="vertical" onFinish={(v) => lookup.mutate(v.msisdn)}>
      <Form.Item name="msisdn" label={t('billpay.msisdn')} rules={[requiredRule(t, t('billpay.msisdn'))]}>
        <Input size="large" inputMode="tel" prefix={<MobileOutlined />} placeholder={t('billpay.msisdnPlaceholder')} maxLength={20} data-testid="billpay-msisdn" />
      </Form.Item>
      {lookup.error && <Alert type="error" showIcon title={lookup.error.message} style={{ marginBottom: 16 }} />}
      {check && !check.mobifone && <Alert type="warning" showIcon title={t('billpay.notMobifone')} style={{ marginBottom: 16 }} data-testid="billpay-refused" />}
      {check && check.mobifone && !check.canPay && <Alert type="warning" showIcon title={t('billpay.notFound')} style={{ marginBottom: 16 }} data-testid="billpay-refused" />}
      <Button type="primary" size="large" block htmlType="submit" loading={lookup.isPending} data-testid="billpay-check">
        {t('billpay.check')}
      </Button>
    </Form>
  );

  const payStep = check && (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }}>
        <Typography.Text strong style={{ fontSize: 18 }}>
          {check.msisdn}{' '}
          <Tag color={check.type === 'postpaid' ? 'blue' : 'green'} data-testid="billpay-type" data-type={check.type}>
            {check.type === 'postpaid' ? t('billpay.postpaid') : t('billpay.prepaid')}
          </Tag>
        </Typography.Text>
        <Button type="link" onClick={reset}>
          {t('billpay.change')}
        </Button>
      </Flex>
      {check.type === 'postpaid' && !details && (
        <Card size="small" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">{t('billpay.privacy')}</Typography.Paragraph>
          <Form<{ password: string }> layout="inline" onFinish={(v) => reveal.mutate(v.password)}>
            <Form.Item name="password" rules={[requiredRule(t, t('billpay.password'))]} style={{ flex: 1 }}>
              <Input.Password prefix={<LockOutlined />} placeholder={t('billpay.password')} maxLength={64} data-testid="billpay-password" />
            </Form.Item>
            <Button htmlType="submit" loading={reveal.isPending} data-testid="billpay-show-details">
              {t('billpay.showDetails')}
            </Button>
          </Form>
          {reveal.error && <Alert type="error" showIcon title={reveal.error.message} style={{ marginTop: 12 }} data-testid="billpay-password-error" />}
        </Card>
      )}
      {details && (
        <Descriptions
          size="small"
          column={1}
          bordered
          className="pay-details"
          style={{ marginBottom: 16 }}
          items={[
            { key: 'name', label: t('billpay.name'), children: details.name },
            { key: 'address', label: t('billpay.address'), children: details.address },
            { key: 'debt', label: t('billpay.debt'), children: <strong data-testid="billpay-debt" data-value={details.debtVnd}><Money value={details.debtVnd} /></strong> },
          ]}
        />
      )}
      <Form<PayValues> form={payForm} layout="vertical" initialValues={{ cardType: 'domestic' }} onFinish={(v) => pay.mutate(v)}>
        <Form.Item
          name="amountVnd"
          label={check.type === 'prepaid' ? `${t('billpay.kindTopup')} — ${t('billpay.amount')}` : `${t('billpay.kindBill')} — ${t('billpay.amount')}`}
          extra={t('billpay.amountRange', { min: formatMoney(MIN_VND), max: formatMoney(MAX_VND) })}
          rules={[
            requiredValueRule(t, t('billpay.amount')),
            {
              validator: (_, v: string | null) =>
                !v || (BigInt(v) >= BigInt(MIN_VND) && BigInt(v) <= BigInt(MAX_VND))
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('billpay.amountRange', { min: formatMoney(MIN_VND), max: formatMoney(MAX_VND) }))),
            },
          ]}
        >
          <MoneyInput data-testid="billpay-amount" />
        </Form.Item>
        <Form.Item name="cardType" label={t('billpay.cardType')}>
          <Radio.Group style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <Radio value="international" data-testid="billpay-card-international">{t('billpay.cardInternational')}</Radio>
            <Radio value="domestic" data-testid="billpay-card-domestic">{t('billpay.cardDomestic')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="email" label={t('billpay.email')} rules={[{ type: 'email' }]}>
          <Input inputMode="email" maxLength={200} />
        </Form.Item>
        {pay.error && <Alert type="error" showIcon title={pay.error.message} style={{ marginBottom: 16 }} data-testid="billpay-error" />}
        <Button type="primary" size="large" block htmlType="submit" icon={<CreditCardOutlined />} loading={pay.isPending || pay.isSuccess} className="pay-button" data-testid="billpay-pay">
          {t('billpay.pay')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" className="pay-note">
        {t('billpay.limits')}
      </Typography.Paragraph>
    </>
  );

  return (
    <div className="pay-page">
      <Card className="pay-card" title={<span className="pay-card-title">{t('billpay.title')}</span>}>
        <Typography.Paragraph type="secondary">{t('billpay.subtitle')}</Typography.Paragraph>
        {check?.canPay ? payStep : numberStep}
        <div className="pay-footer">
          <Hotline />
        </div>
      </Card>
    </div>
  );
}
