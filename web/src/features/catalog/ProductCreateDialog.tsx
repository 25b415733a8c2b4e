import { Form, Input } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { requiredRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { useCreateProduct, type ProductBody } from './catalog.ts';
import { ProductFields } from './ProductFields.tsx';

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,29}$/;

export function ProductCreateDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const create = useCreateProduct();
  const send = useSubmit(create, t('catalog.productCreated'), onClose);

  const submit = ({ description, descriptionEn, ...rest }: ProductBody) =>
    send({ ...rest, ...(description?.trim() ? { description: description.trim() } : {}), ...(descriptionEn?.trim() ? { descriptionEn: descriptionEn.trim() } : {}) });

  return (
    <FormDialog<ProductBody>
      width={640}
      title={t('catalog.newProduct')}
      onClose={onClose}
      onFinish={submit}
      loading={create.isPending}
      initialValues={{ vatRate: '10', agentCommissionBp: 4000, amCommissionBp: 3500 }}
    >
      <Form.Item
        name="code"
        label={t('product.code')}
        extra={t('catalog.codeHint')}
        normalize={(v: string) => v?.toUpperCase()}
        rules={[requiredRule(t, t('product.code')), { pattern: CODE_PATTERN, message: t('catalog.codeHint') }]}
      >
        <Input maxLength={30} style={{ maxWidth: 260 }} />
      </Form.Item>
      <ProductFields />
    </FormDialog>
  );
}
