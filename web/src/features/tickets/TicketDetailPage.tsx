import { useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Collapse, Descriptions, Flex, Result, Row, Skeleton, Tag, Typography } from 'antd';
import {
  ArrowLeftOutlined,
  CheckCircleOutlined,
  CheckOutlined,
  CloseCircleOutlined,
  FieldTimeOutlined,
  MessageOutlined,
  PauseCircleOutlined,
  QuestionCircleOutlined,
  SendOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { Link, Navigate, useParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import type { TicketDetail, TicketEvent } from '@contracts/support';
import { useT } from '../../i18n/index.tsx';
import { DateTime } from '../../ui/DateTime.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useNow } from '../../ui/useNow.ts';
import { useSession } from '../auth/session.tsx';
import { AttachmentList } from './Attachments.tsx';
import { TicketClocks } from './TicketClocks.tsx';
import { TicketEventDialog } from './TicketEventDialog.tsx';
import { LevelTag, StageTag, TicketStatusTag } from './TicketTags.tsx';
import { CommentComposer, TicketTimeline } from './TicketTimeline.tsx';
import { eventLabel, requestTypeLabel, stageLongLabel, ticketChannelLabel, useTicket } from './tickets.ts';
import { useCrumb } from '../layout/Breadcrumbs.tsx';

const EVENT_ICONS: Partial<Record<TicketEvent, ReactNode>> = {
  answer_at_intake: <CheckOutlined />,
  resolve: <CheckOutlined />,
  forward: <SendOutlined />,
  reclassify: <SwapOutlined />,
  update_progress: <FieldTimeOutlined />,
  request_info: <QuestionCircleOutlined />,
  customer_replied: <MessageOutlined />,
  review_satisfied: <CheckCircleOutlined />,
  review_not_satisfied: <CloseCircleOutlined />,
};
const PRIMARY: ReadonlySet<TicketEvent> = new Set(['answer_at_intake', 'resolve']);
/** Buttons in flow order; `auto_close` belongs to the SLA job, never to a person. */
const ORDER: TicketEvent[] = [
  'answer_at_intake',
  'resolve',
  'forward',
  'update_progress',
  'request_info',
  'customer_replied',
  'reclassify',
  'review_satisfied',
  'review_not_satisfied',
];

/** One ticket: header and the flow's commands, its clocks, the request, the answer, the timeline with comments, files, earlier cycles. */
export function TicketDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { user } = useSession();
  const ticket = useTicket(id);
  const now = useNow();
  const [dialog, setDialog] = useState<TicketEvent | null>(null);
  const c = ticket.data;
  useCrumb(c?.number);

  // Customers follow their requests on the portal page.
  if (user.roles.every((r) => r === 'customer')) return <Navigate to={`/my-requests?open=${encodeURIComponent(id)}`} replace />;

  const back = (
    <Link to="/tickets">
      <ArrowLeftOutlined /> {t('nav.tickets')}
    </Link>
  );
  if (ticket.error instanceof ApiError && (ticket.error.status === 404 || ticket.error.status === 403)) {
    return <Result status={ticket.error.status === 404 ? '404' : '403'} title={ticket.error.message} extra={back} />;
  }

  const events = c ? ORDER.filter((e) => c.allowedEvents.includes(e)) : [];

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <QueryError error={ticket.error} onRetry={() => ticket.refetch()} />
      {!c ? (
        <Skeleton active />
      ) : (
        <>
          <PageHeader
            title={
              <Flex gap={12} align="center" wrap>
                <span data-testid="ticket-number">{c.number}</span>
                <TicketStatusTag status={c.status} testId="ticket-status" />
                <LevelTag level={c.level} />
                {c.reopenCount > 0 && <Tag color="volcano">{t('ticket.reopened', { n: c.reopenCount })}</Tag>}
              </Flex>
            }
            extra={events.map((e) => (
              <Button
                key={e}
                type={PRIMARY.has(e) || (e === 'update_progress' && c.progressRequired.required) ? 'primary' : 'default'}
                danger={e === 'review_not_satisfied'}
                icon={EVENT_ICONS[e]}
                onClick={() => setDialog(e)}
                data-testid={`event-${e}`}
              >
                {eventLabel(t, e)}
              </Button>
            ))}
          />
          <Typography.Title level={4} style={{ marginTop: -8 }} data-testid="ticket-subject">
            {c.subject}
          </Typography.Title>
          <Flex vertical gap={16}>
            {c.clocks.paused && <Alert type="info" showIcon icon={<PauseCircleOutlined />} title={t('ticket.paused')} data-testid="ticket-paused" />}
            {c.progressRequired.required && (
              <Alert
                type="warning"
                showIcon
                title={t('ticket.progressRequired')}
                description={
                  c.progressRequired.reason && c.progressRequired.since
                    ? t(`progressReason.${c.progressRequired.reason}`, { since: formatDateTime(c.progressRequired.since) })
                    : undefined
                }
                data-testid="ticket-progress-required"
              />
            )}
            <Row gutter={[16, 16]}>
              <Col xs={{ span: 24, order: 2 }} xl={{ span: 15, order: 1 }}>
                <Flex vertical gap={16}>
                  <InfoCard c={c} />
                  {c.answer && (
                    <Card
                      size="small"
                      title={c.status === 'resolved' || c.status === 'closed' ? t('ticket.answer') : t('ticket.previousAnswer')}
                      className={c.status === 'resolved' || c.status === 'closed' ? 'ticket-answer' : undefined}
                      data-testid="ticket-answer"
                    >
                      <div className="pre-line">{c.answer}</div>
                      {c.resolvedAt && (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t('ticket.resolvedAt')}: <DateTime value={c.resolvedAt} />
                        </Typography.Text>
                      )}
                    </Card>
                  )}
                  <Card size="small" title={t('ticket.section.timeline')}>
                    <TicketTimeline entries={c.events} />
                    <CommentComposer ticketId={c.id} />
                  </Card>
                </Flex>
              </Col>
              <Col xs={{ span: 24, order: 1 }} xl={{ span: 9, order: 2 }}>
                <Flex vertical gap={16}>
                  <Card
                    size="small"
                    title={t('ticket.section.clocks')}
                    extra={<Typography.Text type="secondary">{t('clock.mode', { mode: t(`clockMode.${c.clocks.mode}`).toLocaleLowerCase(t.lang) })}</Typography.Text>}
                  >
                    <TicketClocks set={c.clocks} now={now} testId="ticket-clocks" />
                    {c.progress && (
                      <Typography.Paragraph style={{ margin: '12px 0 0' }} data-testid="ticket-progress">
                        <FieldTimeOutlined />{' '}
                        {t('ticket.progress', { eta: formatDateTime(c.progress.expectedCompletionAt), at: formatDateTime(c.progress.at) })}
                      </Typography.Paragraph>
                    )}
                  </Card>
                  <Card size="small" title={t('ticket.section.attachments')}>
                    <AttachmentList ticketId={c.id} files={c.attachments} canUpload />
                  </Card>
                  {c.previousCycles.length > 0 && (
                    <Collapse
                      size="small"
                      data-testid="ticket-previous-cycles"
                      items={[
                        {
                          key: 'cycles',
                          label: t('ticket.section.previousCycles', { n: c.previousCycles.length }),
                          children: (
                            <Flex vertical gap={12}>
                              {c.previousCycles.map((cycle) => (
                                <div key={cycle.cycle}>
                                  <Typography.Text strong>{t('ticket.cycle', { n: cycle.cycle })}</Typography.Text>
                                  <TicketClocks set={cycle} now={now} />
                                </div>
                              ))}
                            </Flex>
                          ),
                        },
                      ]}
                    />
                  )}
                </Flex>
              </Col>
            </Row>
          </Flex>
          {dialog && <TicketEventDialog ticket={c} event={dialog} onClose={() => setDialog(null)} />}
        </>
      )}
    </>
  );
}

function InfoCard({ c }: { c: TicketDetail }) {
  const t = useT();
  const none = t('common.none');
  return (
    <Card size="small" title={t('ticket.section.info')}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          {
            key: 'customer',
            label: t('ticket.customer'),
            children: (
              <span data-testid="ticket-customer">
                {c.customer?.name ?? none}
                {c.customerPhone && <Typography.Text type="secondary"> · {c.customerPhone}</Typography.Text>}
              </span>
            ),
          },
          {
            key: 'contract',
            label: t('ticket.contract'),
            children: c.contract ? (
              <Link to={`/contracts/${c.contract.id}`} data-testid="ticket-contract-link">
                {c.contract.number ?? t('common.open')}
              </Link>
            ) : (
              none
            ),
          },
          { key: 'type', label: t('ticket.type'), children: requestTypeLabel(t, c.requestType) },
          { key: 'channel', label: t('ticket.channel'), children: ticketChannelLabel(t, c.channel) },
          {
            key: 'stage',
            label: t('ticket.stage'),
            children: (
              <span title={stageLongLabel(t, c.assigneeStage)}>
                <StageTag stage={c.assigneeStage} /> {c.assigneeUnit?.name}
              </span>
            ),
          },
          { key: 'created', label: t('ticket.createdAt'), children: <DateTime value={c.createdAt} /> },
          ...(c.closedAt ? [{ key: 'closed', label: t('ticket.closedAt'), children: <DateTime value={c.closedAt} /> }] : []),
          {
            key: 'description',
            label: t('ticket.description'),
            span: 2,
            children: (
              <div className="pre-line" data-testid="ticket-description">
                {c.description}
              </div>
            ),
          },
        ]}
      />
    </Card>
  );
}
