import { Button, Card, Typography } from 'antd';
import { SignInForm } from '../auth/SignInForm';
import { useI18n } from '../i18n/i18n';

export function LoginPage() {
  const { t, lang, setLang } = useI18n();
  return (
    <main style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f5f5f5' }}>
      <Card style={{ width: 380 }}>
        <Typography.Title level={1} style={{ marginTop: 0, fontSize: 28 }}>
          Loa
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('app.tagline')}</Typography.Paragraph>
        {/* Signed in, the routes lead on to the page that asked (App's AfterSignIn). */}
        <SignInForm />
        <Button
          type="link"
          size="small"
          style={{ marginTop: 12, paddingInline: 0 }}
          onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
        >
          {t('lang.switch')}
        </Button>
      </Card>
    </main>
  );
}
