import { useEffect, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Radio, Row, Select, Tag, Typography, type InputRef, type RefSelectProps } from 'antd';
import { SearchOutlined, SendOutlined } from '@ant-design/icons';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useNavigate } from 'react-router';
import type { Customer } from '@contracts/customers';
import {
  DEFAULT_LEVEL,
  LEVELS,
  REQUEST_TYPES,
  CHANNELS as TICKET_CHANNELS,
  type Level,
  type RequestType,
  type Channel as TicketChannel,
  type NewTicket,
  type TicketDetail,
  type TicketLookup,
} from '@contracts/support';
import { useT, type Translate } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { requiredChoiceRule, requiredRule } from '../../ui/rules.ts';
import { hasAnyRole, useSession } from '../auth/session.tsx';
import { useProductName } from '../catalog/catalog.ts';
import { CustomerSelect } from '../customers/CustomerSelect.tsx';
import { AttachmentPicker } from './Attachments.tsx';
import {
  defaultChannel,
  formatMinutes,
  INTAKE_ROLES,
  levelLabel,
  policyOf,
  requestTypeLabel,
  ticketChannelLabel,
  uploadAttachment,
  useCreateTicket,
  useCustomerContracts,
  useSlaPolicies,
  useTicketLookup,
} from './tickets.ts';

/** `/tickets/new`: the fast intake of call-center agents and AM/KAM, or the simple request form of a customer. */
export function TicketNewPage() {
  const { user } = useSession();
  return hasAnyRole(user, INTAKE_ROLES) ? <StaffIntake /> : <CustomerRequest />;
}

/** Creates the ticket, then uploads its files one by one; a failed upload is reported, the ticket stays. */
function useSubmitTicket(onDone: (ticket: TicketDetail) => void) {
  const t = useT();
  const { message } = App.useApp();
  const create = useCreateTicket();
  const [uploading, setUploading] = useState(false);
  const submit = (body: NewTicket, files: File[]) =>
    create.mutate(body, {
      onError: (e) => message.error(e.message),
      onSuccess: async (ticket) => {
        setUploading(true);
        for (const file of files) {
          try {
            await uploadAttachment(ticket.id, file);
          } catch (e) {
            message.warning(t('ticket.attachFailed', { name: file.name, error: (e as Error).message }));
          }
        }
        setUploading(false);
        message.success(t('intake.created', { number: ticket.number }));
        onDone(ticket);
      },
    });
  return { submit, busy: create.isPending || uploading };
}

const contractOptions = (list: { id: string; number: string; productCode?: string; product?: { code: string } | null }[], productName: (code?: string) => string) =>
  list.map((c) => ({ value: c.id, label: `${c.number} · ${productName(c.productCode ?? c.product?.code)}` }));

function SlaHint({ t, type, level }: { t: Translate; type?: RequestType; level?: Level }) {
  const { permissions } = useSession();
  const policies = useSlaPolicies(permissions.includes('ticket.read'));
  if (!type) return null;
  const p = policyOf(policies.data?.items, type);
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('intake.sla', { time: formatMinutes(t, p.totalMin) })}
      {level ? ` · ${t(`levelRoute.${level}`)}` : ''}
    </Typography.Text>
  );
}

// ---- staff ------------------------------------------------------------------------------------------

interface StaffValues {
  phone?: string;
  customerId?: string;
  contractId?: string;
  channel: TicketChannel;
  requestType?: RequestType;
  level?: Level;
  subject: string;
  description: string;
  files?: File[];
}

/** Digits (and a leading +) of what was typed: "090 123-4567" → "0901234567". */
const normalizePhone = (s: string | undefined) => (s ?? '').trim().replace(/(?!^\+)[^\d]/g, '');
/** Vietnamese numbers, as the server accepts them. */
const PHONE = /^(\+?84|0)\d{9,10}$/;

const asCustomer = (c: TicketLookup['customers'][number]): Customer => ({
  ...c,
  code: '',
  phone: c.phone ?? '',
  email: c.email ?? '',
  taxCode: null,
  address: null,
  managingUnit: null,
  salesUser: null,
  contacts: [],
  createdAt: '',
});

function StaffIntake() {
  const t = useT();
  const productName = useProductName(t.lang);
  const navigate = useNavigate();
  const { user } = useSession();
  const [form] = Form.useForm<StaffValues>();
  const [lookupPhone, setLookupPhone] = useState<string | null>(null);
  const [known, setKnown] = useState<Customer | null>(null);
  const levelTouched = useRef(false);
  const typeRef = useRef<RefSelectProps>(null);
  const subjectRef = useRef<InputRef>(null);
  const descriptionRef = useRef<TextAreaRef>(null);

  const lookup = useTicketLookup(lookupPhone);
  const customerId = Form.useWatch('customerId', form);
  const requestType = Form.useWatch('requestType', form);
  const level = Form.useWatch('level', form);
  const contracts = useCustomerContracts(customerId);
  const { submit, busy } = useSubmitTicket((ticket) => navigate(`/tickets/${ticket.id}`));

  const found = lookup.data?.customers ?? [];
  const lookupContracts = lookup.data?.contracts ?? [];
  const contractList = [
    ...(customerId && customerId === found[0]?.id ? lookupContracts : []),
    ...(contracts.data?.items ?? []).filter((c) => !lookupContracts.some((l) => l.id === c.id)),
  ];

  // One customer with this number fills the form; when several share it the receiver must choose.
  useEffect(() => {
    const only = lookup.data?.customers.length === 1 ? lookup.data.customers[0] : undefined;
    if (!only) return;
    setKnown(asCustomer(only));
    form.setFieldsValue({ customerId: only.id, contractId: lookup.data!.contracts.length === 1 ? lookup.data!.contracts[0].id : undefined });
  }, [lookup.data, form]);

  const runLookup = () => {
    const phone = normalizePhone(form.getFieldValue('phone') as string | undefined);
    if (phone.replace(/\D/g, '').length >= 9) setLookupPhone(phone);
  };
  const enterThen = (next: () => void) => (e: KeyboardEvent) => {
    e.preventDefault();
    next();
  };

  const onValuesChange = (changed: Partial<StaffValues>) => {
    if ('level' in changed) levelTouched.current = true;
    if ('requestType' in changed && changed.requestType && !levelTouched.current) form.setFieldValue('level', DEFAULT_LEVEL[changed.requestType]);
    if ('customerId' in changed) form.setFieldValue('contractId', undefined);
  };

  const finish = (v: StaffValues) => {
    const phone = normalizePhone(v.phone);
    submit(
      {
        channel: v.channel,
        requestType: v.requestType!,
        level: v.level,
        subject: v.subject.trim(),
        description: v.description.trim(),
        ...(phone ? { customerPhone: phone } : {}),
        ...(v.customerId ? { customerId: v.customerId } : {}),
        ...(v.contractId ? { contractId: v.contractId } : {}),
      },
      v.files ?? [],
    );
  };

  return (
    <>
      <PageHeader title={t('intake.title')} extra={<Typography.Text type="secondary">{t('intake.keyboardHint')}</Typography.Text>} />
      <Card size="small" style={{ maxWidth: 920 }}>
        <Form<StaffValues>
          form={form}
          layout="vertical"
          onFinish={finish}
          onValuesChange={onValuesChange}
          initialValues={{ channel: defaultChannel(user.roles), files: [] }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              form.submit();
            }
          }}
        >
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <Form.Item label={t('ticket.phone')} extra={t('intake.phoneHint')}>
                <Flex gap={8}>
                  <Form.Item
                    name="phone"
                    noStyle
                    rules={[{ validator: (_, v: string | undefined) => (!v?.trim() || PHONE.test(normalizePhone(v)) ? Promise.resolve() : Promise.reject(new Error(t('intake.phoneInvalid')))) }]}
                  >
                    <Input
                      autoFocus
                      inputMode="tel"
                      autoComplete="off"
                      placeholder={t('intake.phonePlaceholder')}
                      onPressEnter={enterThen(() => {
                        runLookup();
                        typeRef.current?.focus();
                      })}
                      onBlur={runLookup}
                      data-testid="ticket-phone"
                    />
                  </Form.Item>
                  <Button icon={<SearchOutlined />} onClick={runLookup} loading={lookup.isFetching} tabIndex={-1} data-testid="ticket-lookup">
                    {t('intake.lookup')}
                  </Button>
                </Flex>
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item name="customerId" label={t('ticket.customer')}>
                <CustomerSelect known={known} data-testid="ticket-customer" />
              </Form.Item>
            </Col>
          </Row>
          {lookup.data && (
            <div style={{ marginTop: -8, marginBottom: 12 }} data-testid="ticket-lookup-result">
              {found.length === 0 ? (
                <Alert type="warning" showIcon title={t('intake.notFound')} />
              ) : (
                <>
                  {found.length > 1 && !found.some((c) => c.id === customerId) && (
                    <Alert type="info" showIcon style={{ marginBottom: 6 }} title={t('intake.chooseCustomer')} data-testid="ticket-choose-customer" />
                  )}
                  <Flex gap={6} align="center" wrap>
                    <Typography.Text type="secondary">{t('intake.found', { n: found.length })}:</Typography.Text>
                    {found.map((c) => (
                      <Tag.CheckableTag
                        key={c.id}
                        checked={customerId === c.id}
                        onChange={() => {
                          setKnown(asCustomer(c));
                          form.setFieldsValue({ customerId: c.id, contractId: undefined });
                        }}
                      >
                        {c.name} · {c.email}
                      </Tag.CheckableTag>
                    ))}
                  </Flex>
                </>
              )}
            </div>
          )}
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <Form.Item name="channel" label={t('ticket.channel')} rules={[requiredChoiceRule(t, t('ticket.channel'))]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={TICKET_CHANNELS.map((c) => ({ value: c, label: ticketChannelLabel(t, c) }))}
                  onSelect={() => typeRef.current?.focus()}
                  data-testid="ticket-channel"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item name="contractId" label={t('ticket.contract')}>
                <Select
                  allowClear
                  disabled={!customerId}
                  loading={contracts.isFetching}
                  placeholder={t('intake.contractNone')}
                  options={contractOptions(contractList, productName)}
                  data-testid="ticket-contract"
                />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} md={10}>
              <Form.Item
                name="requestType"
                label={t('ticket.type')}
                rules={[requiredChoiceRule(t, t('ticket.type'))]}
                extra={<SlaHint t={t} type={requestType} level={level} />}
              >
                <Select
                  ref={typeRef}
                  showSearch={{ optionFilterProp: 'label' }}
                  options={REQUEST_TYPES.map((r) => ({ value: r, label: requestTypeLabel(t, r) }))}
                  onSelect={() => setTimeout(() => subjectRef.current?.focus())}
                  data-testid="ticket-type"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item name="level" label={t('ticket.level')} rules={[requiredChoiceRule(t, t('ticket.level'))]} extra={level ? t(`levelDesc.${level}`) : undefined}>
                <Radio.Group
                  optionType="button"
                  buttonStyle="solid"
                  options={LEVELS.map((l) => ({ value: l, label: <span data-testid={`ticket-level-${l}`}>{levelLabel(t, l)}</span> }))}
                  data-testid="ticket-level"
                />
              </Form.Item>
            </Col>
          </Row>
          <TicketBodyFields busy={busy} submitLabel={t('intake.submit')} subjectRef={subjectRef} descriptionRef={descriptionRef}
            onSubjectEnter={enterThen(() => descriptionRef.current?.focus())} descriptionPlaceholder={t('intake.descriptionPlaceholder')} rows={5} />
        </Form>
      </Card>
    </>
  );
}

// ---- customer ---------------------------------------------------------------------------------------

interface CustomerValues {
  requestType?: RequestType;
  contractId?: string;
  subject: string;
  description: string;
  files?: File[];
}

function CustomerRequest() {
  const t = useT();
  const productName = useProductName(t.lang);
  const navigate = useNavigate();
  const [form] = Form.useForm<CustomerValues>();
  const contracts = useCustomerContracts(undefined, true);
  const { submit, busy } = useSubmitTicket((ticket) => navigate(`/my-requests?open=${encodeURIComponent(ticket.id)}`));

  const finish = (v: CustomerValues) =>
    submit(
      {
        channel: 'web_portal',
        requestType: v.requestType!,
        subject: v.subject.trim(),
        description: v.description.trim(),
        ...(v.contractId ? { contractId: v.contractId } : {}),
      },
      v.files ?? [],
    );

  return (
    <>
      <PageHeader title={t('intake.customerTitle')} />
      <Card size="small" style={{ maxWidth: 760 }}>
        <Typography.Paragraph type="secondary">{t('intake.customerSubtitle')}</Typography.Paragraph>
        <Form<CustomerValues> form={form} layout="vertical" onFinish={finish} initialValues={{ files: [] }}>
          <Row gutter={12}>
            <Col xs={24} sm={12}>
              <Form.Item name="requestType" label={t('ticket.type')} rules={[requiredChoiceRule(t, t('ticket.type'))]}>
                <Select autoFocus options={REQUEST_TYPES.map((r) => ({ value: r, label: requestTypeLabel(t, r) }))} data-testid="ticket-type" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="contractId" label={t('ticket.contract')}>
                <Select
                  allowClear
                  loading={contracts.isFetching}
                  placeholder={t('intake.contractNone')}
                  options={contractOptions(contracts.data?.items ?? [], productName)}
                  data-testid="ticket-contract"
                />
              </Form.Item>
            </Col>
          </Row>
          <TicketBodyFields busy={busy} submitLabel={t('intake.customerSubmit')} rows={6} />
        </Form>
      </Card>
    </>
  );
}

/** Subject, description, attachments and the submit button: the part both intake forms share. */
function TicketBodyFields(props: {
  busy: boolean;
  submitLabel: string;
  rows: number;
  subjectRef?: Ref<InputRef>;
  descriptionRef?: Ref<TextAreaRef>;
  onSubjectEnter?: (e: KeyboardEvent) => void;
  descriptionPlaceholder?: string;
}) {
  const t = useT();
  return (
    <>
      <Form.Item name="subject" label={t('ticket.subject')} rules={[requiredRule(t, t('ticket.subject'))]}>
        <Input ref={props.subjectRef} maxLength={300} onPressEnter={props.onSubjectEnter} data-testid="ticket-subject" />
      </Form.Item>
      <Form.Item name="description" label={t('ticket.description')} rules={[requiredRule(t, t('ticket.description'))]}>
        <Input.TextArea ref={props.descriptionRef} rows={props.rows} maxLength={10000} showCount placeholder={props.descriptionPlaceholder} data-testid="ticket-description" />
      </Form.Item>
      <Form.Item name="files" valuePropName="value">
        <AttachmentPicker />
      </Form.Item>
      <Flex justify="flex-end">
        <Button type="primary" htmlType="submit" icon={<SendOutlined />} loading={props.busy} data-testid="ticket-submit">
          {props.submitLabel}
        </Button>
      </Flex>
    </>
  );
}
