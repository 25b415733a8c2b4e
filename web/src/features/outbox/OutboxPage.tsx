import { Tabs } from 'antd';
import { MailOutlined, MessageOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useSession } from '../auth/session.tsx';
import { MessageTable } from './MessageTable.tsx';
import { SmsSimulatorForm } from './SmsSimulatorForm.tsx';

export function OutboxPage() {
  const t = useT();
  const { simulators } = useSession();
  return (
    <>
      <PageHeader title={t('outbox.title')} />
      <Tabs
        items={[
          { key: 'email', label: t('outbox.email'), icon: <MailOutlined />, children: <MessageTable channel="email" /> },
          {
            key: 'sms',
            label: t('outbox.sms'),
            icon: <MessageOutlined />,
            children: (
              <>
                {simulators && <SmsSimulatorForm />}
                <MessageTable channel="sms" />
              </>
            ),
          },
        ]}
      />
    </>
  );
}
