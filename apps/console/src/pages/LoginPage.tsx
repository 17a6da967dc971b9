import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';

/**
 * What to tell someone whose sign-in failed: a locked or disabled account says so (the server's own bilingual
 * words), a flood of attempts is asked to wait, anything else is the usual "wrong email or password".
 */
function loginError(e: unknown, failed: string, throttled: string): string {
  if (!(e instanceof ApiError)) return failed;
  if (e.status === 429) return throttled;
  return /khóa|locked|disabled|vô hiệu/i.test(e.message) ? e.message : failed;
}

export function LoginPage() {
  const { login } = useSession();
  const { t, lang, setLang } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { email: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.email, values.password); // the signed-in routes then lead on (App's AfterSignIn)
    } catch (e) {
      setError(loginError(e, t('login.failed'), t('login.throttled')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          Loa
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item label={t('login.email')} name="email" rules={[{ required: true, type: 'email' }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label={t('login.password')} name="password" rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <Button
          type="link"
          size="small"
          style={{ marginTop: 12, paddingInline: 0 }}
          onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
        >
          {t('lang.switch')}
        </Button>
      </Card>
    </div>
  );
}
