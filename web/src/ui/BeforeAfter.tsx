import { Col, Row, Typography } from 'antd';
import { useT } from '../i18n/index.tsx';

/** Two JSON panes: the state before and after an audited change. */
export function BeforeAfter({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  const pane = (label: string, value: unknown) => (
    <Col xs={24} md={12}>
      <Typography.Text strong>{label}</Typography.Text>
      <pre className="json">{value === null || value === undefined ? t('common.none') : JSON.stringify(value, null, 2)}</pre>
    </Col>
  );
  return (
    <Row gutter={16}>
      {pane(t('audit.before'), before)}
      {pane(t('audit.after'), after)}
    </Row>
  );
}
