import { Col, DatePicker, Form, Input, Row } from 'antd';
import type { AuditQuery } from '@contracts/audit';
import type { Dayjs } from 'dayjs';
import { useT } from '../../i18n/index.tsx';
import { DATE_FORMAT, vnDayEnd, vnDayStart } from '../../ui/dates.ts';
import { FilterButtons } from '../../ui/FilterButtons.tsx';

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
            <Input allowClear placeholder="user.update" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={6}>
          <Form.Item name="entityType" label={t('audit.entityType')}>
            <Input allowClear placeholder="user" />
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
