import { useState } from 'react';
import { Button, Card } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link, useSearchParams } from 'react-router';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { hasAnyRole, useSession } from '../auth/session.tsx';
import { ContractFilters } from './ContractFilters.tsx';
import { ContractTable } from './ContractTable.tsx';
import { DECLARE_ROLES, type ContractFilter } from './contracts.ts';

/** All contracts the caller may see (the server scopes staff by unit and customers to their own). */
export function ContractsPage() {
  const t = useT();
  const { user } = useSession();
  // The header's search opens a customer's contracts as /contracts?customerId=…
  const [params] = useSearchParams();
  const [filter, setFilter] = useState<ContractFilter>(() => (params.get('customerId') ? { customerId: params.get('customerId')! } : {}));
  const staff = !user.roles.every((r) => r === 'customer');

  return (
    <>
      <PageHeader
        title={t('contracts.title')}
        extra={
          hasAnyRole(user, DECLARE_ROLES) && (
            <Link to="/contracts/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="contracts-declare">
                {t('contracts.declare')}
              </Button>
            </Link>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <ContractFilters staff={staff} onChange={setFilter} />
      </Card>
      <ContractTable key={JSON.stringify(filter)} filter={filter} compact={!staff} />
    </>
  );
}
