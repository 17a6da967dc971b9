import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';

const lines = (text: string) =>
  text
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The organisation's test list (admins): the staff phones and mailboxes that exercises and tests reach, and no one
 * else. One entry a line; the server names each entry it refuses.
 */
export function TestListForm() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ msisdns: string; emails: string }>();
  const [errors, setErrors] = useState<string[] | null>(null);
  const list = useQuery({ queryKey: ['test-list'], queryFn: () => unwrap(api.GET('/api/admin/test-list')) });
  if (!list.data) return null;
  const save = async (v: { msisdns: string; emails: string }) => {
    setErrors(null);
    try {
      await unwrap(api.PUT('/api/admin/test-list', { body: { msisdns: lines(v.msisdns), emails: lines(v.emails) } }));
      message.success(t('admin.saved'));
      await queries.invalidateQueries({ queryKey: ['test-list'] });
    } catch (e) {
      setErrors(e instanceof ApiError ? e.messages : [String(e)]);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="test-list">
      <Typography.Paragraph type="secondary">{t('testList.help')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={{ msisdns: list.data.msisdns.join('\n'), emails: list.data.emails.join('\n') }}
      >
        <Form.Item label={t('testList.msisdns')} name="msisdns">
          <Input.TextArea rows={4} placeholder="0912 345 678" />
        </Form.Item>
        <Form.Item label={t('testList.emails')} name="emails">
          <Input.TextArea rows={4} placeholder="bientap@soctrang.gov.vn" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('common.save')}
        </Button>
      </Form>
      {errors && <Alert type="error" showIcon title={t('common.error')} description={errors.join('; ')} />}
    </Space>
  );
}
