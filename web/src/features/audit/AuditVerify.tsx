import { useMutation } from '@tanstack/react-query';
import { Alert, Button } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { api } from '../../api/client.ts';
import type { AuditVerify as VerifyResult } from '@contracts/audit';
import { useT } from '../../i18n/index.tsx';

export const useVerifyAudit = () =>
  useMutation({ mutationFn: () => api.get<VerifyResult>('/api/v1/audit/verify') });

export type VerifyState = ReturnType<typeof useVerifyAudit>;

export function VerifyButton({ verify }: { verify: VerifyState }) {
  const t = useT();
  return (
    <Button
      icon={<SafetyCertificateOutlined />}
      loading={verify.isPending}
      onClick={() => verify.mutate()}
      data-testid="audit-verify"
    >
      {t('audit.verify')}
    </Button>
  );
}

/** Green with the number of checked entries, or red with where the chain breaks and why. */
export function VerifyResult({ verify }: { verify: VerifyState }) {
  const t = useT();
  const { data, error } = verify;
  if (!data && !error) return null;
  const ok = !!data?.ok;
  const text = error
    ? error.message
    : ok
      ? t('audit.verifyOk', { checked: data!.checked })
      : t('audit.verifyBroken', {
          id: data!.firstBrokenId === undefined ? t('audit.position', { seq: data!.brokenAt ?? '?' }) : t('audit.entry', { id: data!.firstBrokenId }),
          reason: t(`audit.reason.${data!.reason ?? 'edited'}`),
          checked: data!.checked,
        });
  return (
    <Alert
      type={ok ? 'success' : 'error'}
      showIcon
      title={<span data-testid="audit-verify-result" data-ok={ok}>{text}</span>}
      closable={{ onClose: () => verify.reset() }}
      style={{ marginBottom: 16 }}
    />
  );
}
