import { useState } from 'react';
import { Badge, Button, Card, Tabs } from 'antd';
import { FileExcelOutlined, FileTextOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { FIRST_PAGE } from '../../ui/paging.ts';
import { hasAnyRole, useSession } from '../auth/session.tsx';
import { TicketFilters } from './TicketFilters.tsx';
import { TicketTable } from './TicketTable.tsx';
import { DESK_ROLES, exportUrl, INTAKE_ROLES, useTickets, type TicketFilter } from './tickets.ts';

type Tab = 'mine' | 'all' | 'overdue';

const TAB_FILTERS: Record<Tab, TicketFilter> = {
  mine: { scope: 'mine' },
  all: { scope: 'all' },
  overdue: { scope: 'all', breached: true },
};

/** Ticket queues: my unit's (the server filters by the caller), everything the caller may see, and the overdue ones. */
export function TicketsPage() {
  const t = useT();
  const { user } = useSession();
  const desk = hasAnyRole(user, DESK_ROLES);
  const [tab, setTab] = useState<Tab>(desk ? 'mine' : 'all');
  const [filter, setFilter] = useState<TicketFilter>({});
  const full: TicketFilter = { ...filter, ...TAB_FILTERS[tab] };
  const mine = useTickets(TAB_FILTERS.mine, { ...FIRST_PAGE, pageSize: 1 });
  const overdue = useTickets(TAB_FILTERS.overdue, { ...FIRST_PAGE, pageSize: 1 });

  const count = (n: number | undefined, color: string) => (n ? <Badge count={n} color={color} overflowCount={999} style={{ marginInlineStart: 6 }} /> : null);
  const table = <TicketTable key={JSON.stringify(full)} filter={full} testId={`tickets-${tab}`} />;

  return (
    <>
      <PageHeader
        title={t('tickets.title')}
        extra={
          <>
            <Button icon={<FileTextOutlined />} href={exportUrl('csv', full)} download data-testid="tickets-export-csv">
              {t('tickets.exportCsv')}
            </Button>
            <Button icon={<FileExcelOutlined />} href={exportUrl('xlsx', full)} download data-testid="tickets-export-xlsx">
              {t('tickets.exportXlsx')}
            </Button>
            {hasAnyRole(user, INTAKE_ROLES) && (
              <Link to="/tickets/new">
                <Button type="primary" icon={<PlusOutlined />} data-testid="tickets-new">
                  {t('tickets.new')}
                </Button>
              </Link>
            )}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 8 }}>
        <TicketFilters onChange={setFilter} />
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as Tab)}
        items={[
          ...(desk ? [{ key: 'mine', label: <span data-testid="tickets-tab-mine">{t('tickets.tab.mine')}{count(mine.data?.total, '#0057a8')}</span> }] : []),
          { key: 'all', label: <span data-testid="tickets-tab-all">{t('tickets.tab.all')}</span> },
          { key: 'overdue', label: <span data-testid="tickets-tab-overdue">{t('tickets.tab.overdue')}{count(overdue.data?.total, '#f5222d')}</span> },
        ]}
      />
      {table}
    </>
  );
}
