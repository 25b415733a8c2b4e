import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { LangSwitch } from '../layout/LangSwitch.tsx';

/** Centered card for the signed-out pages. */
export function AuthCard({ title, subtitle, children }: { title: string; subtitle: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="auth-page">
      <div className="auth-lang">
        <LangSwitch />
      </div>
      <Card className="auth-card">
        <Flex vertical align="center" gap={4} style={{ marginBottom: 24 }}>
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
            {title}
          </Typography.Title>
          <Typography.Text type="secondary">{subtitle}</Typography.Text>
        </Flex>
        {children}
      </Card>
      <Typography.Text type="secondary" className="auth-footer">
        {t('app.name')} · {t('app.company')}
      </Typography.Text>
    </div>
  );
}
