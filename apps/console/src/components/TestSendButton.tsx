import { App, Button } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * Before anything goes out: the campaign's e-mail once to the operator's own address, or its SMS once to their own
 * phone, marked "[THỬ]"; the message says where it went.
 */
export function TestSendButton({ campaignId, channel }: { campaignId: string; channel: 'email' | 'sms' }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const params = { params: { path: { id: campaignId } } };
  const send = async () => {
    setBusy(true);
    try {
      if (channel === 'email') {
        const sent = await unwrap(api.POST('/api/campaigns/{id}/test-email', params));
        message.success(t('testEmail.sent', { to: sent.to }));
      } else {
        const queued = await unwrap(api.POST('/api/campaigns/{id}/test-sms', params));
        const to = `0${queued.to.slice(2)}`;
        message.success(t('testSms.queued', { to, carrier: queued.carrierCode, segments: queued.segments }));
      }
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button loading={busy} onClick={() => void send()} data-action={channel === 'email' ? 'test-email' : 'test-sms'}>
      {channel === 'email' ? t('testEmail.button') : t('testSms.button')}
    </Button>
  );
}
