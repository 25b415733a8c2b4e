import { Card, Descriptions, Skeleton, Tag } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { QueryError } from '../../ui/QueryError.tsx';
import { useWorkingHours } from './calendar.ts';

export function WorkingHoursCard() {
  const t = useT();
  const hours = useWorkingHours();
  return (
    <Card title={t('calendar.workingHours')} size="small" style={{ marginBottom: 16 }}>
      <QueryError error={hours.error} onRetry={() => hours.refetch()} />
      {hours.data ? (
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'days',
              label: t('calendar.workingDays'),
              children: hours.data.weekdays.map((d) => (
                <Tag key={d} title={t.maybe(`weekday.${d}`)}>
                  {t.maybe(`weekdayShort.${d}`) ?? d}
                </Tag>
              )),
            },
            {
              key: 'windows',
              label: t('calendar.windows'),
              children: hours.data.windows.map((w) => `${w.start}–${w.end}`).join(', '),
            },
            { key: 'tz', label: t('calendar.zone'), children: t('calendar.timezone') },
          ]}
        />
      ) : (
        !hours.error && <Skeleton active paragraph={{ rows: 1 }} />
      )}
    </Card>
  );
}
