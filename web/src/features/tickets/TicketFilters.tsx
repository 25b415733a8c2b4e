import { Col, Form, Input, Row, Select } from 'antd';
import { LEVELS, REQUEST_TYPES, STAGES, TICKET_STATUSES, type Level, type RequestType, type Stage, type TicketStatus } from '@contracts/support';
import { useT } from '../../i18n/index.tsx';
import { levelLabel, requestTypeLabel, stageLabel, ticketStatusLabel, type TicketFilter } from './tickets.ts';
import { FilterButtons } from '../../ui/FilterButtons.tsx';

interface Values {
  q?: string;
  status?: TicketStatus;
  level?: Level;
  requestType?: RequestType;
  stage?: Stage;
}

const toFilter = ({ q, ...rest }: Values): TicketFilter => ({ ...rest, q: q?.trim() || undefined });

/** Queue filters: text, status, level, request type, stage. */
export function TicketFilters({ onChange }: { onChange: (filter: TicketFilter) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => onChange(toFilter(v))} className="filters">
      <Row gutter={12}>
        <Col xs={24} sm={12} lg={5}>
          <Form.Item name="q" label={t('common.search')}>
            <Input allowClear placeholder={t('tickets.searchPlaceholder')} data-testid="tickets-search" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} lg={4}>
          <Form.Item name="status" label={t('ticket.status')}>
            <Select allowClear options={TICKET_STATUSES.map((s) => ({ value: s, label: ticketStatusLabel(t, s) }))} data-testid="tickets-status" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} lg={3}>
          <Form.Item name="level" label={t('ticket.level')}>
            <Select allowClear options={LEVELS.map((l) => ({ value: l, label: levelLabel(t, l) }))} data-testid="tickets-level" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} lg={4}>
          <Form.Item name="requestType" label={t('ticket.type')}>
            <Select allowClear options={REQUEST_TYPES.map((r) => ({ value: r, label: requestTypeLabel(t, r) }))} data-testid="tickets-type" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6} lg={3}>
          <Form.Item name="stage" label={t('ticket.stage')}>
            <Select allowClear options={STAGES.map((s) => ({ value: s, label: stageLabel(t, s) }))} data-testid="tickets-stage" />
          </Form.Item>
        </Col>
        <Col xs={24} lg={5}>
          <FilterButtons
            onReset={() => onChange({})} searchTestId="tickets-filter"
          />
        </Col>
      </Row>
    </Form>
  );
}
