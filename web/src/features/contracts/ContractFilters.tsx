import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { CONTRACT_STATUSES, type Channel, type ContractStatus } from '@contracts/contracts';
import { useT } from '../../i18n/index.tsx';
import { DATE_FORMAT, isoDate } from '../../ui/dates.ts';
import { localName, useProducts } from '../catalog/catalog.ts';
import { OrgUnitSelect } from '../org-units/OrgUnitSelect.tsx';
import { channelLabel, statusLabel, type ContractFilter } from './contracts.ts';
import { FilterButtons } from '../../ui/FilterButtons.tsx';

interface Values {
  q?: string;
  status?: ContractStatus;
  product?: string;
  channel?: Channel;
  unitId?: string | null;
  expiringBefore?: Dayjs | null;
}

const toFilter = ({ q, expiringBefore, unitId, ...rest }: Values): ContractFilter => ({
  ...rest,
  q: q?.trim() || undefined,
  unitId: unitId || undefined,
  expiringBefore: expiringBefore ? isoDate(expiringBefore) : undefined,
});

/** Contract list filters; `staff` adds channel and unit (customers only see their own contracts). */
export function ContractFilters({ onChange, staff }: { onChange: (filter: ContractFilter) => void; staff: boolean }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const products = useProducts();

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => onChange(toFilter(v))} className="filters">
      <Row gutter={12}>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="q" label={t('common.search')}>
            <Input allowClear placeholder={staff ? t('contracts.searchPlaceholder') : t('contract.number')} data-testid="contracts-search" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} lg={4}>
          <Form.Item name="status" label={t('contract.status')}>
            <Select allowClear options={CONTRACT_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))} data-testid="contracts-status" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} lg={4}>
          <Form.Item name="product" label={t('contract.product')}>
            <Select allowClear options={(products.data ?? []).map((p) => ({ value: p.code, label: localName(p, t.lang) }))} />
          </Form.Item>
        </Col>
        {staff && (
          <Col xs={12} sm={6} lg={4}>
            <Form.Item name="channel" label={t('contract.channel')}>
              <Select allowClear options={(['self_service', 'am', 'agent'] as const).map((c) => ({ value: c, label: channelLabel(t, c) }))} />
            </Form.Item>
          </Col>
        )}
        <Col xs={12} sm={6} lg={4}>
          <Form.Item name="expiringBefore" label={t('contracts.expiringBefore')}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        {staff && (
          <Col xs={24} sm={12} lg={8}>
            <Form.Item name="unitId" label={t('contract.unit')}>
              <OrgUnitSelect />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} sm={12} lg={staff ? 16 : 4}>
          <FilterButtons
            onReset={() => onChange({})}
          />
        </Col>
      </Row>
    </Form>
  );
}
