import { Button, Flex, Form } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useT } from '../i18n/index.tsx';

/** [Tìm kiếm] (submits the filter form) and [Đặt lại] (clears it and reports an empty filter). */
export function FilterButtons({ onReset, searchTestId }: { onReset: () => void; searchTestId?: string }) {
  const t = useT();
  const form = Form.useFormInstance();
  const reset = () => {
    form.resetFields();
    onReset();
  };
  return (
    <Form.Item label=" " colon={false}>
      <Flex gap={8}>
        <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid={searchTestId}>
          {t('common.search')}
        </Button>
        <Button onClick={reset}>{t('common.reset')}</Button>
      </Flex>
    </Form.Item>
  );
}
