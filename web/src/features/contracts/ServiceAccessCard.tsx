import { Alert, Card, Descriptions, Tag, Typography } from 'antd';
import { CheckCircleOutlined, LinkOutlined, LoadingOutlined } from '@ant-design/icons';
import type { ServiceAccess } from '@contracts/contracts';
import { useT } from '../../i18n/index.tsx';
import { formatDateTime } from '../../ui/format.ts';

/**
 * Where the customer uses the service: the account and link once provisioned; before that, that it is
 * being set up and by when (the deadline of the provisioning step on the working-day calendar).
 */
export function ServiceAccessCard({ service }: { service: ServiceAccess | null }) {
  const t = useT();
  if (!service) return null;
  if (service.status === 'provisioning') {
    return (
      <Alert
        type="info"
        showIcon
        icon={<LoadingOutlined />}
        title={t('service.provisioning')}
        description={service.expectedBy ? t('service.expectedBy', { at: formatDateTime(service.expectedBy) }) : t('service.expectedSoon')}
        data-testid="service-provisioning"
      />
    );
  }
  return (
    <Card size="small" title={t('contract.section.service')} data-testid="service-access">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: 'status', label: t('task.status'), children: <Tag icon={<CheckCircleOutlined />} color="green">{t('service.ready')}</Tag> },
          { key: 'account', label: t('contract.accountRef'), children: <Typography.Text copyable data-testid="service-account">{service.accountRef}</Typography.Text> },
          ...(service.accessUrl && /^https?:\/\//i.test(service.accessUrl)
            ? [
                {
                  key: 'link',
                  label: t('service.link'),
                  children: (
                    <Typography.Link href={service.accessUrl} target="_blank" rel="noopener noreferrer" data-testid="service-link">
                      <LinkOutlined /> {service.accessUrl}
                    </Typography.Link>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
