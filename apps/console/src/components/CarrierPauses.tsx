import { Alert, App, Button, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import type { CampaignReportDto } from '../api/schema.gen';
import { hasRole, useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from './format';

/**
 * Carriers paused for this campaign by their failure rate (open ones only): why, the errors the carrier gave, and a
 * button for the editor or approver to resume once the cause is fixed.
 */
export function CarrierPauses({ report, onChanged }: { report: CampaignReportDto; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const open = (report.channels.sms?.carrierPauses ?? []).filter((p) => !p.resumedAt);
  if (!open.length) return null;
  const mayResume = hasRole(user, 'editor', 'approver') && ['running', 'paused'].includes(report.status);

  const resume = async (carrierCode: string) => {
    setBusy(carrierCode);
    try {
      await unwrap(
        api.POST('/api/campaigns/{id}/carriers/{carrierCode}/resume', {
          params: { path: { id: report.id, carrierCode } },
        }),
      );
      message.success(t('pause.resumed', { carrier: carrierCode }));
      onChanged();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="carrier-pauses">
      {open.map((p) => (
        <Alert
          key={p.carrierCode}
          type="warning"
          showIcon
          title={t('pause.title', {
            carrier: p.carrierCode,
            at: formatDateTime(p.pausedAt, lang),
            failures: String(p.failures),
            window: String(p.windowSize),
          })}
          description={
            <>
              <Typography.Paragraph style={{ marginBottom: 4 }}>{t('pause.explain')}</Typography.Paragraph>
              {p.samples.length > 0 && (
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {p.samples.map((s) => (
                    <li key={s.error}>
                      <Typography.Text code>{s.error}</Typography.Text> × {s.count}
                    </li>
                  ))}
                </ul>
              )}
            </>
          }
          action={
            mayResume ? (
              <Button type="primary" loading={busy === p.carrierCode} onClick={() => void resume(p.carrierCode)}>
                {t('pause.resume')}
              </Button>
            ) : undefined
          }
        />
      ))}
    </Space>
  );
}
