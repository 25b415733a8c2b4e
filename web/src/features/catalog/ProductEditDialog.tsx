import { Form, Select } from 'antd';
import type { Product } from '@contracts/catalog';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { useSubmit } from '../../ui/useSubmit.ts';
import { useUpdateProduct, type ProductPatch } from './catalog.ts';
import { ProductFields } from './ProductFields.tsx';

export function ProductEditDialog({ product, onClose }: { product: Product; onClose: () => void }) {
  const t = useT();
  const update = useUpdateProduct(product.id);
  const send = useSubmit(update, t('common.saved'), onClose);

  // PATCH only what changed.
  const submit = (v: ProductPatch) => {
    const body: ProductPatch = {};
    if (v.name !== product.name) body.name = v.name;
    if (v.nameEn !== product.nameEn) body.nameEn = v.nameEn;
    if ((v.description ?? '') !== (product.description ?? '')) body.description = v.description ?? '';
    if ((v.descriptionEn ?? '') !== (product.descriptionEn ?? '')) body.descriptionEn = v.descriptionEn ?? '';
    if (v.vatRate !== product.vatRate) body.vatRate = v.vatRate;
    if (v.agentCommissionBp !== product.agentCommissionBp) body.agentCommissionBp = v.agentCommissionBp;
    if (v.amCommissionBp !== product.amCommissionBp) body.amCommissionBp = v.amCommissionBp;
    if (v.status !== product.status) body.status = v.status;
    if (Object.keys(body).length === 0) return onClose();
    send(body);
  };

  return (
    <FormDialog<ProductPatch>
      width={640}
      title={t('catalog.editProduct', { code: product.code })}
      onClose={onClose}
      onFinish={submit}
      loading={update.isPending}
      initialValues={{ ...product, description: product.description ?? '', descriptionEn: product.descriptionEn ?? '' }}
    >
      <ProductFields />
      <Form.Item name="status" label={t('product.status')}>
        <Select
          options={(['active', 'retired'] as const).map((s) => ({ value: s, label: t(`productStatus.${s}`) }))}
          style={{ maxWidth: 260 }}
        />
      </Form.Item>
    </FormDialog>
  );
}
