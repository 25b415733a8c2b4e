import { useQuery } from '@tanstack/react-query';
import { Col, DatePicker, Form, Input, Row, Select } from 'antd';
import { api } from '../../api/client.ts';
import type { AuditFacets, AuditQuery } from '@contracts/audit';
import type { Dayjs } from 'dayjs';
import { useT } from '../../i18n/index.tsx';
import { DATE_FORMAT, vnDayEnd, vnDayStart } from '../../ui/dates.ts';
import { FilterButtons } from '../../ui/FilterButtons.tsx';
import { actionLabel, entityLabel } from './labels.ts';

/** The audit query without its paging. */
export type AuditFilter = Omit<AuditQuery, 'page' | 'pageSize'>;

type Values = Omit<AuditFilter, 'from' | 'to'> & { range?: [Dayjs | null, Dayjs | null] | null };

/** The picked calendar days are whole days in Vietnam time: from 00:00 of the first to the end of the last. */
function toFilter({ range, ...text }: Values): AuditFilter {
  const trimmed = Object.fromEntries(Object.entries(text).map(([k, v]) => [k, v?.trim() || undefined]));
  const [start, end] = range ?? [];
  return {
    ...trimmed,
    from: start ? vnDayStart(start) : undefined,
    to: end ? vnDayEnd(end) : undefined,
  };
}

export function AuditFilters({ onChange }: { onChange: (filter: AuditFilter) => void }) {
  const t = useT();
  // The actions and entity types the trail holds, to choose from in words.
  const facets = useQuery({ queryKey: ['audit', 'facets'], queryFn: () => api.get<AuditFacets>('/api/v1/audit/facets'), staleTime: 60_000 });
  const byLabel = (a: { label: string }, b: { label: string }) => a.label.localeCompare(b.label, t.lang);
  const actions = (facets.data?.actions ?? []).map((a) => ({ value: a, label: actionLabel(t, a) })).sort(byLabel);
  const entityTypes = (facets.data?.entityTypes ?? []).map((e) => ({ value: e, label: entityLabel(t, e) })).sort(byLabel);
  const [form] = Form.useForm<Values>();
  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => onChange(toFilter(v))} className="filters">
      <Row gutter={12}>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear placeholder={t('audit.actorPlaceholder')} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="action" label={t('audit.action')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={actions} placeholder={t('audit.allActions')} loading={facets.isPending} data-testid="audit-action" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={6}>
          <Form.Item name="entityType" label={t('audit.entityType')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={entityTypes} placeholder={t('audit.allEntities')} loading={facets.isPending} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={6}>
          <Form.Item name="entityId" label={t('audit.entityId')}>
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item name="range" label={t('audit.dateRange')}>
            <DatePicker.RangePicker format={DATE_FORMAT} allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={16}>
          <FilterButtons
            onReset={() => onChange({})}
          />
        </Col>
      </Row>
    </Form>
  );
}
