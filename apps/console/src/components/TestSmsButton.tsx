import { App, Button } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** Before anything goes out: the campaign's SMS once to the operator's own phone, marked "[THỬ]". */
export function TestSmsButton({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const queued = await unwrap(api.POST('/api/campaigns/{id}/test-sms', { params: { path: { id: campaignId } } }));
      const to = `0${queued.to.slice(2)}`;
      message.success(t('testSms.queued', { to, carrier: queued.carrierCode, segments: queued.segments }));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button loading={busy} onClick={() => void send()} data-action="test-sms">
      {t('testSms.button')}
    </Button>
  );
}
