import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Flex, Progress, Row, Table, Tag, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { VerificationResult } from '@contracts/ekyc';
import { useT } from '../../i18n/index.tsx';
import { formatDate } from '../../ui/format.ts';
import { chipPart, OUTCOME_COLORS, outcomeLabel, useTestVerification } from './ekyc.ts';

const PARTS = ['front', 'back', 'selfie'] as const;
type Part = (typeof PARTS)[number];
const FIELDS = ['idNumber', 'fullName', 'birthDate', 'sex', 'nationality', 'homeTown', 'address', 'issueDate', 'expiryDate'] as const;

/** The console's test page: a signed-in customer uploads the three images and sees the whole result. */
export function TestVerification({ contractId }: { contractId: string }) {
  const t = useT();
  const [files, setFiles] = useState<Partial<Record<Part, File>>>({});
  const [chip, setChip] = useState<File[]>([]);
  const run = useTestVerification(contractId);
  const ready = PARTS.every((p) => files[p]);
  return (
    <Flex vertical gap={16}>
      <Alert type="info" showIcon message={t('ekyc.test.hint')} />
      <Flex gap={12} wrap>
        {PARTS.map((p) => (
          <Upload
            key={p}
            accept="image/jpeg,image/png"
            maxCount={1}
            beforeUpload={(f) => {
              setFiles((x) => ({ ...x, [p]: f }));
              return false; // sent with the others, not on its own
            }}
            onRemove={() => setFiles((x) => ({ ...x, [p]: undefined }))}
          >
            <Button icon={<UploadOutlined />} data-testid={`ekyc-upload-${p}`}>{t(`ekyc.test.${p}`)}</Button>
          </Upload>
        ))}
        <Upload
          multiple
          beforeUpload={(f) => {
            setChip((x) => [...x.filter((y) => chipPart(y.name) !== chipPart(f.name)), f]);
            return false;
          }}
          onRemove={(f) => setChip((x) => x.filter((y) => y.name !== f.name))}
        >
          <Button icon={<UploadOutlined />} data-testid="ekyc-upload-chip">{t('ekyc.test.chip')}</Button>
        </Upload>
        <Button type="primary" disabled={!ready} loading={run.isPending} onClick={() => run.mutate({ ...(files as Record<Part, File>), chip })} data-testid="ekyc-run">
          {t('ekyc.test.run')}
        </Button>
      </Flex>
      {run.error && <Alert type="error" showIcon message={run.error.message} />}
      {run.data && <Result r={run.data} />}
    </Flex>
  );
}

function Result({ r }: { r: VerificationResult }) {
  const t = useT();
  const percent = (x: number | null) => (x === null ? 0 : Math.round(x * 100));
  return (
    <Row gutter={[16, 16]} data-testid="ekyc-result">
      <Col xs={24} md={12}>
        <Card size="small" title={t('ekyc.test.decision')} extra={<Tag color={OUTCOME_COLORS[r.decision]}>{outcomeLabel(t, r.decision)}</Tag>}>
          <Flex vertical gap={8}>
            {r.reasons.map((x, i) => (
              <Typography.Text key={i} className="mono">{x.check ? `${x.code} · ${x.check}` : x.code}</Typography.Text>
            ))}
            <Typography.Text>{t('ekyc.test.faceMatch')} ({t('ekyc.test.threshold', { value: r.scores.faceMatchThreshold })})</Typography.Text>
            <Progress percent={percent(r.scores.faceMatch)} status={r.scores.faceMatch !== null && r.scores.faceMatch >= r.scores.faceMatchThreshold ? 'success' : 'exception'} />
            <Typography.Text>{t('ekyc.test.liveness')} ({t('ekyc.test.threshold', { value: r.scores.livenessThreshold })})</Typography.Text>
            <Progress percent={percent(r.scores.liveness)} status={r.scores.liveness !== null && r.scores.liveness >= r.scores.livenessThreshold ? 'success' : 'exception'} />
            {r.chip && (
              <Flex gap={8} wrap data-testid="ekyc-chip">
                <Typography.Text>{t('ekyc.test.chipResult')}</Typography.Text>
                <Tag color={r.chip.intact ? 'green' : 'red'}>{t(r.chip.intact ? 'ekyc.chip.intact' : 'ekyc.chip.notIntact')}</Tag>
                <Tag color={r.chip.trusted ? 'green' : 'gold'}>{t(r.chip.trusted ? 'ekyc.chip.trusted' : 'ekyc.chip.notTrusted')}</Tag>
                <Tag>{t(`ekyc.chip.photo.${r.chip.photo}`)}</Tag>
              </Flex>
            )}
          </Flex>
        </Card>
        <Card size="small" title={t('ekyc.test.fields')} style={{ marginTop: 16 }}>
          <Descriptions size="small" column={1}
            items={FIELDS.map((f) => {
              const v = r.fields[f];
              const shown = v && (f === 'birthDate' || f === 'issueDate' || f === 'expiryDate') ? formatDate(v) : v;
              return { key: f, label: t(`ekyc.field.${f}`), children: shown ?? '—' };
            })}
          />
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card size="small" title={t('ekyc.test.checks')}>
          <Table size="small" pagination={false} rowKey={(c) => `${c.group}.${c.name}`} dataSource={r.checks} showHeader={false}
            columns={[
              { dataIndex: 'group', render: (v: string) => <Tag>{v}</Tag> },
              { dataIndex: 'name', render: (v: string) => <span className="mono" style={{ fontSize: 12 }}>{v}</span> },
              { dataIndex: 'ok', render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{ok ? '✓' : '✗'}</Tag> },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
