import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { useSession } from './session';

/**
 * What to tell someone whose sign-in failed: a locked or disabled account says so (the server's own bilingual
 * words), a flood of attempts is asked to wait, anything else is the usual "wrong email or password".
 */
function loginError(e: unknown, failed: string, throttled: string): string {
  if (!(e instanceof ApiError)) return failed;
  if (e.status === 429) return throttled;
  return /khóa|locked|disabled|vô hiệu/i.test(e.message) ? e.message : failed;
}

/** Email and password, for the sign-in page and for signing in again when a session ended mid-work. */
export function SignInForm({ email, autoFocusPassword }: { email?: string; autoFocusPassword?: boolean }) {
  const { login } = useSession();
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.email, values.password);
    } catch (e) {
      setError(loginError(e, t('login.failed'), t('login.throttled')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form layout="vertical" onFinish={submit} requiredMark={false} initialValues={{ email }}>
      <Form.Item label={t('login.email')} name="email" rules={[{ required: true, type: 'email' }]}>
        <Input autoComplete="username" autoFocus={!autoFocusPassword} />
      </Form.Item>
      <Form.Item label={t('login.password')} name="password" rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" autoFocus={autoFocusPassword} />
      </Form.Item>
      {error && <Alert type="error" title={error} showIcon role="alert" style={{ marginBottom: 16 }} />}
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('login.submit')}
      </Button>
    </Form>
  );
}
