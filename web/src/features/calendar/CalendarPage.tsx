import { useState } from 'react';
import { Button, Card, Col, DatePicker, Flex, Popconfirm, Row, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useT } from '../../i18n/index.tsx';
import { isoWeekday, vnToday } from '../../ui/format.ts';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { KIND_COLORS, useDeleteOverride, useHolidays, useOverrides, type DayKind } from './calendar.ts';
import { OverrideDialog } from './OverrideDialog.tsx';
import { WorkingHoursCard } from './WorkingHoursCard.tsx';

interface Entry {
  date: string;
  name: string;
  kind: DayKind;
  overrideId?: string;
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** Holidays (computed by the server) and admin overrides of one year, month by month. */
export function CalendarPage() {
  const t = useT();
  const [year, setYear] = useState(() => vnToday().year);
  const [adding, setAdding] = useState(false);
  const holidays = useHolidays(year);
  const overrides = useOverrides(year);
  const remove = useDeleteOverride();

  const entries: Entry[] = [
    ...(holidays.data ?? []).map((h) => ({
      date: h.date,
      name: t.lang === 'en' ? h.nameEn || h.name : h.name,
      kind: h.kind,
    })),
    ...(overrides.data ?? []).map((o) => ({ date: o.date, name: o.name, kind: o.kind, overrideId: o.id })),
  ].sort((a, b) => a.date.localeCompare(b.date));

  const monthName = (m: number) => {
    const name = dayjs(new Date(2000, m - 1, 1)).format('MMMM');
    return name.charAt(0).toUpperCase() + name.slice(1);
  };

  const deleteOverride = useSubmit(remove, t('common.deleted'));

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        extra={
          <>
            <DatePicker
              picker="year"
              allowClear={false}
              value={dayjs(`${year}-01-01`)}
              onChange={(d) => d && setYear(d.year())}
              aria-label={t('calendar.year')}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('calendar.addOverride')}
            </Button>
          </>
        }
      />
      <WorkingHoursCard />
      <QueryError error={holidays.error ?? overrides.error} onRetry={() => void (holidays.refetch(), overrides.refetch())} />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        {(['statutory', 'substitute', 'off', 'work'] as const).map((k) => (
          <Tag key={k} color={KIND_COLORS[k]}>
            {t(`calendar.kind.${k}`)}
          </Tag>
        ))}
        <Typography.Text type="secondary">
          {t('calendar.summary', { holidays: holidays.data?.length ?? 0, overrides: overrides.data?.length ?? 0 })}
        </Typography.Text>
      </Flex>
      <Spin spinning={holidays.isFetching || overrides.isFetching}>
        <Row gutter={[16, 16]}>
          {MONTHS.map((m) => {
            const prefix = `${year}-${String(m).padStart(2, '0')}-`;
            const items = entries.filter((e) => e.date.startsWith(prefix));
            return (
              <Col key={m} xs={24} md={12} xl={8}>
                <Card size="small" title={monthName(m)} className="month-card">
                  {items.length === 0 ? (
                    <Typography.Text type="secondary">{t('calendar.noEntries')}</Typography.Text>
                  ) : (
                    items.map((e) => (
                      <Flex key={`${e.kind}-${e.date}-${e.overrideId ?? ''}`} className="day-entry" align="center" gap={8}>
                        <span className="day-entry-date">
                          <strong>{e.date.slice(8, 10)}/{e.date.slice(5, 7)}</strong>
                          <Typography.Text type="secondary"> {t.maybe(`weekdayShort.${isoWeekday(e.date)}`)}</Typography.Text>
                        </span>
                        <span className="day-entry-name">{e.name}</span>
                        <Tag color={KIND_COLORS[e.kind]}>{t(`calendar.kind.${e.kind}`)}</Tag>
                        {e.overrideId && (
                          <Popconfirm
                            title={t('calendar.deleteOverride')}
                            okText={t('common.delete')}
                            cancelText={t('common.cancel')}
                            okButtonProps={{ danger: true }}
                            onConfirm={() => deleteOverride(e.overrideId!)}
                          >
                            <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                          </Popconfirm>
                        )}
                      </Flex>
                    ))
                  )}
                </Card>
              </Col>
            );
          })}
        </Row>
      </Spin>
      {adding && <OverrideDialog year={year} onClose={() => setAdding(false)} />}
    </>
  );
}
