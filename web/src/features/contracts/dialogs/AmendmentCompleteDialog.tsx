import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Typography } from 'antd';
import { api } from '../../../api/client.ts';
import type { Amendment, ContractDetail } from '@contracts/contracts';
import { useT } from '../../../i18n/index.tsx';
import { FormDialog } from '../../../ui/FormDialog.tsx';
import { formatNumber } from '../../../ui/format.ts';
import { useSubmit } from '../../../ui/useSubmit.ts';
import { contractsKey } from '../contracts.ts';

/** Ops configured an appendix: it applies and the contract carries the new quantity. */
export function AmendmentCompleteDialog({ contract, amendment, onClose }: { contract: ContractDetail; amendment: Amendment; onClose: () => void }) {
  const t = useT();
  const queryClient = useQueryClient();
  const run = useMutation({
    mutationFn: () => api.post(`/api/v1/amendments/${encodeURIComponent(amendment.id)}/complete`, {}),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: contractsKey }), queryClient.invalidateQueries({ queryKey: ['tasks'] })]),
  });
  const submit = useSubmit(run, t('amendment.applied'), onClose);

  return (
    <FormDialog
      title={`${t('amendment.complete')} — ${contract.number}`}
      okText={t('amendment.complete')}
      onClose={onClose}
      onFinish={() => submit()}
      loading={run.isPending}
    >
      <Typography.Paragraph>
        {t('amendment.completeConfirm', {
          kind: t(`amendKind.${amendment.kind}`),
          from: formatNumber(amendment.fromQuantity ?? contract.quantity),
          to: formatNumber(amendment.quantity),
        })}
      </Typography.Paragraph>
    </FormDialog>
  );
}
