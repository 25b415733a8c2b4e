import type { ReactNode } from 'react';
import { Form, Modal, type ButtonProps, type FormInstance } from 'antd';
import { useT } from '../i18n/index.tsx';

/**
 * The one dialog shape of the app: a Modal whose body is a vertical Form and whose OK button submits
 * it (`data-testid="dialog-ok"`). One dialog per command; the command's fields are the children.
 */
export function FormDialog<V extends object>(props: {
  title: ReactNode;
  onClose: () => void;
  onFinish: (values: V) => void;
  loading?: boolean;
  okText?: string;
  /** The dismiss button; "Đóng" where "Huỷ" would read like the command (cancelling a contract). */
  cancelText?: string;
  okDanger?: boolean;
  okDisabled?: boolean;
  initialValues?: Partial<V>;
  form?: FormInstance<V>;
  width?: number;
  onValuesChange?: (changed: Partial<V>, all: V) => void;
  children: ReactNode;
}) {
  const t = useT();
  const okButtonProps: ButtonProps = {
    htmlType: 'submit',
    loading: props.loading,
    danger: props.okDanger,
    disabled: props.okDisabled,
    ...{ 'data-testid': 'dialog-ok' },
  };
  return (
    <Modal
      open
      width={props.width}
      title={props.title}
      onCancel={props.onClose}
      okText={props.okText ?? t('common.save')}
      cancelText={props.cancelText ?? t('common.cancel')}
      okButtonProps={okButtonProps}
      cancelButtonProps={{ ...{ 'data-testid': 'dialog-cancel' } }}
      destroyOnHidden
      modalRender={(dom) => (
        <Form<V>
          form={props.form}
          layout="vertical"
          initialValues={props.initialValues}
          onFinish={props.onFinish}
          onValuesChange={props.onValuesChange}
        >
          {dom}
        </Form>
      )}
    >
      {props.children}
    </Modal>
  );
}
