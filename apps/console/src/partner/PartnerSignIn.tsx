import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import type { PartnerCredentials } from './partner-session';

/** The sign-in of a partner's page: its code and key, checked by `verify` (a call the key must open). */
export function PartnerSignIn(props: {
  title: string;
  help: string;
  codeLabel: string;
  keyLabel: string;
  submitLabel: string;
  badKey: string;
  verify(c: PartnerCredentials): Promise<unknown>;
  onSignedIn(c: PartnerCredentials): void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: PartnerCredentials) => {
    setBusy(true);
    setError(null);
    const c = { code: v.code.trim(), key: v.key.trim() };
    try {
      await props.verify(c);
      props.onSignedIn(c);
    } catch (e) {
      const refused = e instanceof ApiError && [401, 403, 404].includes(e.status);
      setError(refused ? props.badKey : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main style={{ maxWidth: 420, margin: '0 auto', padding: 16 }}>
      <Card title={<Typography.Title level={3}>{props.title}</Typography.Title>}>
        <Typography.Paragraph type="secondary">{props.help}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={props.codeLabel} name="code" rules={[{ required: true }]}>
            <Input autoComplete="username" autoCapitalize="none" />
          </Form.Item>
          <Form.Item label={props.keyLabel} name="key" rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {props.submitLabel}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
