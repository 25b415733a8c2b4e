import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Tabs, Typography, type TableColumnsType } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { Task } from '@contracts/contracts';
import type { Role } from '@contracts/identity';
import type { Paged } from '@shared/fields.ts';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { PagedTable } from '../../ui/PagedTable.tsx';
import { FIRST_PAGE, type PageState } from '../../ui/paging.ts';
import { hasAnyRole, useSession } from '../auth/session.tsx';
import { DueTime } from '../contracts/ContractDetailPage.tsx';
import { useProductName } from '../catalog/catalog.ts';
import { taskKindLabel } from '../contracts/contracts.ts';
import { InlineDecision } from './InlineDecision.tsx';
import { Money } from '../../ui/Money.tsx';

type Tab = 'open' | 'overdue' | 'done';

/** Who sees every overdue step (the server refuses the list to others). */
export const OVERDUE_ROLES: readonly Role[] = ['admin', 'approver_ctkv', 'approver_ttcntt'];

const useTasks = (tab: Tab, paging: PageState) =>
  useQuery({
    queryKey: ['tasks', tab, paging],
    queryFn: () =>
      tab === 'overdue'
        ? api.get<Paged<Task>>('/api/v1/tasks/overdue', { ...paging })
        : api.get<Paged<Task>>('/api/v1/tasks', { status: tab, ...paging }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

/** Steps waiting for the caller (the server filters by role and unit), each with its working-day deadline. */
export function InboxPage() {
  const t = useT();
  const { user } = useSession();
  const [tab, setTab] = useState<Tab>('open');
  const open = useTasks('open', FIRST_PAGE);
  const overdue = hasAnyRole(user, OVERDUE_ROLES);

  const count = (n: number | undefined, color?: string) => (n ? <Badge count={n} color={color} style={{ marginInlineStart: 6 }} /> : null);

  return (
    <>
      <PageHeader title={t('inbox.title')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        destroyOnHidden
        items={[
          {
            key: 'open',
            label: <span data-testid="inbox-tab-open">{t('inbox.open')}{count(open.data?.total, '#0057a8')}</span>,
            children: <TaskTable tab="open" />,
          },
          ...(overdue
            ? [{ key: 'overdue', label: <span data-testid="inbox-tab-overdue">{t('inbox.overdue')}</span>, children: <TaskTable tab="overdue" /> }]
            : []),
          { key: 'done', label: <span data-testid="inbox-tab-done">{t('inbox.done')}</span>, children: <TaskTable tab="done" /> },
        ]}
      />
    </>
  );
}

function TaskTable({ tab }: { tab: Tab }) {
  const t = useT();
  const productName = useProductName(t.lang);
  const navigate = useNavigate();
  const [paging, setPaging] = useState(FIRST_PAGE);
  const tasks = useTasks(tab, paging);

  const columns: TableColumnsType<Task> = [
    { title: t('task.kind'), dataIndex: 'kind', render: (k: string) => <strong>{taskKindLabel(t, k)}</strong> },
    {
      title: t('task.contract'),
      key: 'contract',
      render: (_, task) => (
        <Link to={`/contracts/${task.contract.id}`} onClick={(e) => e.stopPropagation()} data-testid={`task-contract-${task.contract.number}`}>
          {task.contract.number}
        </Link>
      ),
    },
    { title: t('contract.customer'), key: 'customer', render: (_, task) => task.contract.customerName },
    { title: t('contract.product'), key: 'product', responsive: ['md'], render: (_, task) => productName(task.contract.productCode) },
    { title: t('contract.total'), key: 'total', align: 'right', render: (_, task) => <Money value={task.contract.totalVnd} /> },
    { title: t('contract.salesUser'), key: 'seller', responsive: ['lg'], render: (_, task) => task.contract.sellerName ?? '—' },
    {
      title: t('inbox.documents'),
      key: 'documents',
      responsive: ['md'],
      render: (_, task) =>
        task.contract.documentCount ? (
          <Link to={`/contracts/${task.contract.id}#documents`} onClick={(e) => e.stopPropagation()}>
            {t('inbox.documentCount', { n: task.contract.documentCount })}
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('common.none')}</Typography.Text>
        ),
    },
    {
      title: t('task.unit'),
      dataIndex: 'unit',
      responsive: ['lg'],
      render: (u: Task['unit']) => u?.name ?? <Typography.Text type="secondary">{t('task.corporate')}</Typography.Text>,
    },
    { title: t('task.openedAt'), dataIndex: 'openedAt', responsive: ['md'], render: (v: string) => <DateTime value={v} /> },
    tab === 'done'
      ? { title: t('task.doneAt'), dataIndex: 'doneAt', render: (v: string | null) => <DateTime value={v} /> }
      : { title: t('task.dueAt'), key: 'due', render: (_, task) => <DueTime dueAt={task.dueAt} overdue={task.overdue} /> },
    ...(tab === 'done' ? [] : [{ title: t('common.actions'), key: 'decide', render: (_: unknown, task: Task) => <InlineDecision task={task} /> }]),
  ];

  return (
    <PagedTable<Task>
      query={tasks}
      paging={paging}
      onPaging={setPaging}
      columns={columns}
      rowClassName={(task) => `clickable-row${task.overdue ? ' row-overdue' : ''}`}
      onRow={(task) => ({ onClick: () => navigate(`/contracts/${task.contract.id}`) })}
      locale={{ emptyText: t('inbox.empty') }}
      data-testid={`inbox-${tab}`}
    />
  );
}
