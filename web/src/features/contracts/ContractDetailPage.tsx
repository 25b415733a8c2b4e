import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Descriptions, Empty, Flex, Result, Row, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CheckOutlined,
  ClockCircleOutlined,
  CloseOutlined,
  DollarOutlined,
  EditOutlined,
  PauseCircleOutlined,
  PlayCircleOutlined,
  ReloadOutlined,
  SendOutlined,
  SettingOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import type { Amendment, Approval, ContractAction, ContractDetail, ContractTask, TimelineEntry } from '@contracts/contracts';
import { useT } from '../../i18n/index.tsx';
import { ChangeList } from './ChangeList.tsx';
import { PayButton, PaymentLinkActions } from './PaymentButtons.tsx';
import { BeforeAfter } from '../../ui/BeforeAfter.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatMoney, formatNumber } from '../../ui/format.ts';
import { Money } from '../../ui/Money.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useSession } from '../auth/session.tsx';
import { billingLabel, localName, monthsLabel, vatLabel } from '../catalog/catalog.ts';
import { ContractActionDialog } from './ContractActionDialog.tsx';
import { ApiKeysCard } from '../bills/ApiKeysCard.tsx';
import { UsageCard } from '../bills/UsageCard.tsx';
import { EkycDashboard } from '../ekyc/EkycPage.tsx';
import { ContractMoneySection } from './ContractMoneySection.tsx';
import { ContractStatusTag } from './ContractStatusTag.tsx';
import { ServiceAccessCard } from './ServiceAccessCard.tsx';
import { actionLabel, channelLabel, taskKindLabel, useContract } from './contracts.ts';
import { AmendmentCompleteDialog } from './dialogs/AmendmentCompleteDialog.tsx';
import { PaymentDialog } from './dialogs/PaymentDialog.tsx';
import { useCrumb } from '../layout/Breadcrumbs.tsx';

const ACTION_ICONS: Record<ContractAction, ReactNode> = {
  submit: <SendOutlined />,
  approve: <CheckOutlined />,
  reject: <CloseOutlined />,
  record_payment: <DollarOutlined />,
  complete_provisioning: <SettingOutlined />,
  cancel: <StopOutlined />,
  terminate: <StopOutlined />,
  suspend: <PauseCircleOutlined />,
  resume: <PlayCircleOutlined />,
  renew: <ReloadOutlined />,
  amend: <EditOutlined />,
};
const PRIMARY: ReadonlySet<ContractAction> = new Set(['submit', 'approve', 'record_payment', 'complete_provisioning', 'resume']);
const DANGER: ReadonlySet<ContractAction> = new Set(['reject', 'cancel', 'terminate', 'suspend']);

type Dialog =
  | { kind: 'action'; action: ContractAction }
  | { kind: 'payAmendment'; amendment: Amendment }
  | { kind: 'completeAmendment'; amendment: Amendment };

/** One contract: header and commands, term and approvals, tasks, appendices, and its audit timeline. */
export function ContractDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const contract = useContract(id);
  const { user, permissions } = useSession();
  const customerOnly = user.roles.every((r) => r === 'customer');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const c = contract.data;
  useCrumb(c?.number);

  const back = (
    <Link to="/contracts">
      <ArrowLeftOutlined /> {t('nav.contracts')}
    </Link>
  );

  if (contract.error instanceof ApiError && (contract.error.status === 404 || contract.error.status === 403)) {
    return <Result status={contract.error.status === 404 ? '404' : '403'} title={contract.error.message} extra={back} />;
  }

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <QueryError error={contract.error} onRetry={() => contract.refetch()} />
      {!c ? (
        <Skeleton active />
      ) : (
        <>
          <PageHeader
            title={
              <Flex gap={12} align="center" wrap>
                <span data-testid="contract-number">
                  {t('contract.title')} {c.number}
                </span>
                <ContractStatusTag status={c.status} testId="contract-status" />
                {c.kind === 'renewal' && <Tag color="cyan">{t('contractKind.renewal')}</Tag>}
              </Flex>
            }
            extra={[
              <PayButton key="pay" c={c} />,
              <PaymentLinkActions key="link" c={c} />,
              ...c.allowedActions.map((a) => (
                <Button
                  key={a}
                  type={PRIMARY.has(a) ? 'primary' : 'default'}
                  danger={DANGER.has(a)}
                  icon={ACTION_ICONS[a]}
                  onClick={() => setDialog({ kind: 'action', action: a })}
                  data-testid={`action-${a}`}
                >
                  {actionLabel(t, a)}
                </Button>
              )),
            ]}
          />
          <Flex vertical gap={16}>
            {c.status === 'awaiting_payment' && (
              <Alert type="warning" showIcon title={t('contract.awaitingPayment', { amount: formatMoney(c.totalVnd) })} data-testid="awaiting-payment" />
            )}
            <ServiceAccessCard service={c.service} />
            <SummaryCard c={c} />
            <TermCard c={c} />
            {c.billing === 'postpaid' && c.startDate && <UsageCard contractId={c.id} />}
            {c.product?.code === 'EKYC' && c.startDate && (
              <Card size="small" title={t('ekyc.title')}>
                <EkycDashboard contractId={c.id} />
              </Card>
            )}
            {c.billing === 'postpaid' && permissions.includes('usage.keys') && ['active', 'suspended'].includes(c.status) && <ApiKeysCard contractId={c.id} />}
            <ContractMoneySection contractId={c.id} />
            {!customerOnly && <TasksCard tasks={c.tasks} />}
            <AmendmentsCard c={c} onPay={(a) => setDialog({ kind: 'payAmendment', amendment: a })} onComplete={(a) => setDialog({ kind: 'completeAmendment', amendment: a })} />
            <TimelineCard entries={c.timeline} />
          </Flex>
          {dialog?.kind === 'action' && <ContractActionDialog contract={c} action={dialog.action} onClose={close} />}
          {dialog?.kind === 'payAmendment' && <PaymentDialog contract={c} amendment={dialog.amendment} onClose={close} />}
          {dialog?.kind === 'completeAmendment' && <AmendmentCompleteDialog contract={c} amendment={dialog.amendment} onClose={close} />}
        </>
      )}
    </>
  );
}

function SummaryCard({ c }: { c: ContractDetail }) {
  const t = useT();
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={15}>
        <Card size="small" title={t('contract.section.summary')} style={{ height: '100%' }}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              {
                key: 'customer',
                label: t('contract.customer'),
                children: (
                  <>
                    {c.customer?.name ?? '—'} {c.customer && <Tag>{t(`customerType.${c.customer.type}`)}</Tag>}
                  </>
                ),
              },
              { key: 'product', label: t('contract.product'), children: `${c.product ? localName(c.product, t.lang) : '—'} · ${c.plan ? localName(c.plan, t.lang) : '—'}` },
              { key: 'quantity', label: t('contract.quantity'), children: formatNumber(c.quantity) },
              { key: 'period', label: t('contract.period'), children: monthsLabel(t, c.periodMonths) },
              { key: 'billing', label: t('contract.billing'), children: billingLabel(t, c.billing) },
              { key: 'channel', label: t('contract.channel'), children: channelLabel(t, c.channel) },
              { key: 'selling', label: t('contract.sellingUnit'), children: c.sellingUnit?.name ?? t('common.none') },
              { key: 'managing', label: t('contract.managingUnit'), children: c.managingUnit?.name ?? t('common.none') },
              { key: 'sales', label: t('contract.salesUser'), children: c.salesUser?.fullName ?? t('common.none') },
              { key: 'created', label: t('contract.createdAt'), children: <DateTime value={c.createdAt} /> },
              ...(c.parentId
                ? [{ key: 'parent', label: t('contract.parent'), children: <Link to={`/contracts/${c.parentId}`}>{t('common.open')}</Link> }]
                : []),
              ...(c.note ? [{ key: 'note', label: t('contract.note'), span: 2, children: <span style={{ whiteSpace: 'pre-line' }}>{c.note}</span> }] : []),
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={9}>
        <Card size="small" title={t('contract.section.amounts')} style={{ height: '100%' }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'unit', label: t('quote.unitPrice'), children: <Money value={c.unitPriceVnd} /> },
              { key: 'subtotal', label: t('quote.subtotal'), children: <Money value={c.subtotalVnd} /> },
              {
                key: 'vat',
                label: t('quote.vat'),
                children: c.vatRate === 'KCT' ? vatLabel(t, 'KCT') : <><Money value={c.vatVnd} /> ({vatLabel(t, c.vatRate)})</>,
              },
              {
                key: 'total',
                label: <strong>{t('quote.total')}</strong>,
                children: (
                  <strong className="quote-total" data-testid="contract-total">
                    <Money value={c.totalVnd} />
                  </strong>
                ),
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

function ApprovalText({ approval }: { approval: Approval }) {
  const t = useT();
  if (!approval.at) return <Tag icon={<ClockCircleOutlined />} color="orange">{t('approval.pending')}</Tag>;
  return (
    <span>
      <Tag icon={<CheckCircleOutlined />} color="green">{t('approval.done')}</Tag>
      {approval.byName} · <DateTime value={approval.at} />
    </span>
  );
}

function TermCard({ c }: { c: ContractDetail }) {
  const t = useT();
  const none = t('common.none');
  return (
    <Card size="small" title={t('contract.section.term')}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          { key: 'signed', label: t('contract.signedDate'), children: <DateTime value={c.signedDate} dateOnly /> },
          { key: 'start', label: t('contract.startDate'), children: <DateTime value={c.startDate} dateOnly /> },
          { key: 'end', label: t('contract.endDate'), children: <DateTime value={c.endDate} dateOnly /> },
          // Only the approvals this contract's flow has: a self-service purchase has none.
          ...(c.approvals.ctkv ? [{ key: 'ctkv', label: t('approval.ctkv'), children: <ApprovalText approval={c.approvals.ctkv} /> }] : []),
          ...(c.approvals.ttcntt ? [{ key: 'ttcntt', label: t('approval.ttcntt'), children: <ApprovalText approval={c.approvals.ttcntt} /> }] : []),
          { key: 'paid', label: t('contract.paidAt'), children: <DateTime value={c.paidAt} /> },
          { key: 'paymentRef', label: t('payment.reference'), children: c.paymentRef ?? none },
          { key: 'activated', label: t('contract.activatedAt'), children: <DateTime value={c.activatedAt} /> },
          ...(c.rejectionReason ? [{ key: 'rejected', label: t('contract.rejectionReason'), children: c.rejectionReason }] : []),
          ...(c.terminatedAt || c.terminationReason
            ? [
                {
                  key: 'terminated',
                  label: t('contract.terminatedAt'),
                  children: c.terminationDate ? <DateTime value={c.terminationDate} dateOnly /> : <DateTime value={c.terminatedAt} />,
                },
                { key: 'termReason', label: t('contract.terminationReason'), children: c.terminationReason ?? none },
              ]
            : []),
          ...(c.settlement
            ? [
                {
                  key: 'settlement',
                  label: t('terminate.refund'),
                  span: 3,
                  children: (
                    <span>
                      <strong><Money value={c.settlement.refundVnd} /></strong>
                      <Typography.Text type="secondary"> — {c.settlement.explanation}</Typography.Text>
                    </span>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

export function DueTime({ dueAt, overdue }: { dueAt: string; overdue: boolean }) {
  const t = useT();
  return overdue ? (
    <Typography.Text type="danger" strong data-testid="task-overdue">
      <DateTime value={dueAt} /> · {t('task.overdue')}
    </Typography.Text>
  ) : (
    <DateTime value={dueAt} />
  );
}

function TasksCard({ tasks }: { tasks: ContractTask[] }) {
  const t = useT();
  const columns: TableColumnsType<ContractTask> = [
    { title: t('task.kind'), dataIndex: 'kind', render: (k: string) => taskKindLabel(t, k) },
    {
      title: t('task.status'),
      dataIndex: 'status',
      render: (s: string) => <Tag color={s === 'open' ? 'blue' : s === 'done' ? 'green' : 'default'}>{t.maybe(`taskStatus.${s}`) ?? s}</Tag>,
    },
    { title: t('task.openedAt'), dataIndex: 'openedAt', render: (v: string) => <DateTime value={v} /> },
    { title: t('task.dueAt'), key: 'due', render: (_, task) => <DueTime dueAt={task.dueAt} overdue={task.overdue} /> },
    { title: t('task.doneAt'), dataIndex: 'doneAt', render: (v: string | null) => <DateTime value={v} /> },
  ];
  return (
    <Card size="small" title={t('contract.section.tasks')}>
      <Table<ContractTask>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={tasks}
        pagination={false}
        scroll={{ x: 'max-content' }}
        rowClassName={(task) => (task.overdue ? 'row-overdue' : '')}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('task.none')} /> }}
      />
    </Card>
  );
}

function AmendmentsCard({ c, onPay, onComplete }: { c: ContractDetail; onPay: (a: Amendment) => void; onComplete: (a: Amendment) => void }) {
  const t = useT();
  const { permissions } = useSession();
  const canPay = permissions.includes('contract.record_payment');
  const canConfigure = permissions.includes('contract.provision');
  if (c.amendments.length === 0) return null;

  const columns: TableColumnsType<Amendment> = [
    { title: t('amendment.kind'), dataIndex: 'kind', render: (k: Amendment['kind']) => t(`amendKind.${k}`) },
    { title: t('amendment.status'), dataIndex: 'status', render: (s: string) => <Tag>{t.maybe(`amendStatus.${s}`) ?? s}</Tag> },
    {
      title: t('contract.quantity'),
      key: 'qty',
      align: 'right',
      render: (_, a) => (a.fromQuantity !== undefined ? `${formatNumber(a.fromQuantity)} → ${formatNumber(a.quantity)}` : formatNumber(a.quantity)),
    },
    { title: t('amendment.changeDate'), dataIndex: 'changeDate', render: (v: string) => <DateTime value={v} dateOnly /> },
    { title: t('amendment.credit'), dataIndex: 'creditVnd', align: 'right', responsive: ['md'], render: (v: string) => <Money value={v} /> },
    { title: t('amendment.charge'), dataIndex: 'chargeVnd', align: 'right', responsive: ['md'], render: (v: string) => <Money value={v} /> },
    { title: t('amendment.net'), dataIndex: 'netVnd', align: 'right', render: (v: string) => <Money value={v} /> },
    { title: t('contract.createdAt'), dataIndex: 'createdAt', responsive: ['lg'], render: (v: string) => <DateTime value={v} /> },
  ];
  if (canPay || canConfigure)
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      align: 'right',
      render: (_, a) => (
        <Flex gap={6} justify="flex-end">
          {canPay && a.status === 'awaiting_payment' && (
            <Button size="small" icon={<DollarOutlined />} onClick={() => onPay(a)} data-testid={`amendment-pay-${a.id}`}>
              {actionLabel(t, 'record_payment')}
            </Button>
          )}
          {canConfigure && a.status === 'configuring' && (
            <Button size="small" type="primary" icon={<SettingOutlined />} onClick={() => onComplete(a)} data-testid={`amendment-complete-${a.id}`}>
              {t('amendment.complete')}
            </Button>
          )}
        </Flex>
      ),
    });
  return (
    <Card size="small" title={t('contract.section.amendments')}>
      <Table<Amendment> rowKey="id" size="small" columns={columns} dataSource={c.amendments} pagination={false} scroll={{ x: 'max-content' }} />
    </Card>
  );
}

function TimelineCard({ entries }: { entries: TimelineEntry[] }) {
  const t = useT();
  const columns: TableColumnsType<TimelineEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => <DateTime value={v} /> },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (a: string, e) => (
        <>
          <Tag color="blue">{t.maybe(`event.${a}`) ?? a}</Tag>
          <ChangeList changes={e.changes} />
        </>
      ),
    },
  ];
  // The raw entry is sent only to those who may read the audit trail.
  const raw = entries.some((e) => e.before !== undefined || e.after !== undefined);
  return (
    <Card size="small" title={t('contract.section.timeline')}>
      <Table<TimelineEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...entries].sort((a, b) => a.at.localeCompare(b.at))}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={raw ? { expandedRowRender: (e) => <BeforeAfter before={e.before} after={e.after} /> } : undefined}
        data-testid="contract-timeline"
      />
    </Card>
  );
}
