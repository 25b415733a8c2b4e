import { Button, Col, Form, Input, Radio, Row, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { TAX_CODE, type Customer, type NewCustomer } from '@contracts/customers';
import { useT } from '../../i18n/index.tsx';
import { FormDialog } from '../../ui/FormDialog.tsx';
import { requiredRule } from '../../ui/rules.ts';
import { useSubmit } from '../../ui/useSubmit.ts';
import { OrgUnitSelect } from '../org-units/OrgUnitSelect.tsx';
import { useCreateCustomer } from './customers.ts';

/** The form's values: a new customer whose managing unit the tree select may clear to null. */
type Values = Omit<NewCustomer, 'managingUnitId'> & { managingUnitId?: string | null };

const trimmed = (s: string | undefined) => s?.trim() || undefined;

/** A new individual or enterprise customer, with its contacts. */
export function CustomerCreateDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (c: Customer) => void }) {
  const t = useT();
  const create = useCreateCustomer();
  const send = useSubmit(create, (customer) => t('customer.created', { name: customer.name }), onCreated);
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const taxCode = Form.useWatch('taxCode', form);

  const submit = (v: Values) => {
    const contacts = (v.contacts ?? [])
      .filter((c) => c?.name?.trim())
      .map((c) => ({
        name: c.name.trim(),
        ...(trimmed(c.position) ? { position: trimmed(c.position) } : {}),
        ...(trimmed(c.email) ? { email: trimmed(c.email) } : {}),
        ...(trimmed(c.phone) ? { phone: trimmed(c.phone) } : {}),
      }));
    const body: NewCustomer = {
      type: v.type,
      name: v.name.trim(),
      email: v.email.trim(),
      phone: v.phone.trim(),
      ...(trimmed(v.taxCode) ? { taxCode: trimmed(v.taxCode) } : {}),
      ...(trimmed(v.address) ? { address: trimmed(v.address) } : {}),
      ...(v.managingUnitId ? { managingUnitId: v.managingUnitId } : {}),
      ...(contacts.length ? { contacts } : {}),
    };
    send(body);
  };

  return (
    <FormDialog<Values>
      form={form}
      width={720}
      title={t('customer.createTitle')}
      onClose={onClose}
      onFinish={submit}
      loading={create.isPending}
      initialValues={{ type: 'enterprise', contacts: [] }}
    >
      <Form.Item name="type" label={t('customer.type')}>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={(['enterprise', 'individual'] as const).map((k) => ({ value: k, label: t(`customerType.${k}`) }))}
          data-testid="customer-type"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={14}>
          <Form.Item name="name" label={t('customer.name')} rules={[requiredRule(t, t('customer.name'))]}>
            <Input maxLength={300} data-testid="customer-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={10}>
          <Form.Item
            name="taxCode"
            label={t('customer.taxCode')}
            dependencies={['type']}
            rules={[
              ...(type === 'enterprise' ? [requiredRule(t, t('customer.taxCode'))] : []),
              { pattern: TAX_CODE, message: t('customer.taxCodeInvalid') },
            ]}
          >
            <Input maxLength={14} placeholder="0100109106" data-testid="customer-tax-code" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="email"
            label={t('user.email')}
            rules={[requiredRule(t, t('user.email')), { type: 'email', message: t('common.invalidEmail') }]}
          >
            <Input type="email" data-testid="customer-email" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="phone" label={t('user.phone')} rules={[requiredRule(t, t('user.phone'))]}>
            <Input type="tel" data-testid="customer-phone" />
          </Form.Item>
        </Col>
      </Row>
      {/* A buyer with a tax code needs an address on its invoices. */}
      <Form.Item
        name="address"
        label={t('customer.address')}
        dependencies={['taxCode']}
        rules={trimmed(taxCode) ? [{ required: true, whitespace: true, message: t('invoices.addressRequired') }] : []}
      >
        <Input maxLength={400} data-testid="customer-address" />
      </Form.Item>
      <Form.Item name="managingUnitId" label={t('contract.managingUnit')}>
        <OrgUnitSelect />
      </Form.Item>

      <Typography.Text strong>{t('customer.contacts')}</Typography.Text>
      <Form.List name="contacts">
        {(fields, { add, remove }) => (
          <div style={{ marginTop: 8 }}>
            {fields.map((f) => (
              <Row key={f.key} gutter={8} align="top">
                <Col xs={24} sm={6}>
                  <Form.Item name={[f.name, 'name']} rules={[requiredRule(t, t('customer.contact.name'))]}>
                    <Input placeholder={t('customer.contact.name')} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={5}>
                  <Form.Item name={[f.name, 'position']}>
                    <Input placeholder={t('customer.contact.position')} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={6}>
                  <Form.Item name={[f.name, 'email']} rules={[{ type: 'email', message: t('common.invalidEmail') }]}>
                    <Input placeholder={t('user.email')} />
                  </Form.Item>
                </Col>
                <Col xs={20} sm={5}>
                  <Form.Item name={[f.name, 'phone']}>
                    <Input placeholder={t('user.phone')} />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2}>
                  <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.delete')} />
                </Col>
              </Row>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ name: '' })}>
              {t('customer.addContact')}
            </Button>
          </div>
        )}
      </Form.List>
    </FormDialog>
  );
}
