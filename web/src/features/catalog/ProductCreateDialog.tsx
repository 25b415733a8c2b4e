import { App, Form, Input } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { requiredRule } from '../../ui/rules.ts';
import { useCreateProduct, type ProductBody } from './catalog.ts';
import { ProductFields } from './ProductFields.tsx';

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,29}$/;

export function ProductCreateDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const create = useCreateProduct();

  const submit = ({ description, ...rest }: ProductBody) =>
    create.mutate(
      { ...rest, ...(description?.trim() ? { description: description.trim() } : {}) },
      {
        onSuccess: () => {
          message.success(t('catalog.productCreated'));
          onClose();
        },
        onError: (e) => message.error(e.message),
      },
    );

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
