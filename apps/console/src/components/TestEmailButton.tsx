import { App, Button } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import { useI18n } from '../i18n/i18n';

/** Before anything goes out: the dispatch e-mail once to the operator's own address, marked "[THỬ]". */
export function TestEmailButton({ campaignId }: { campaignId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const send = async () => {
    setBusy(true);
    try {
      const sent = await unwrap(api.POST('/api/campaigns/{id}/test-email', { params: { path: { id: campaignId } } }));
      message.success(t('testEmail.sent', { to: sent.to }));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button loading={busy} onClick={() => void send()} data-action="test-email">
      {t('testEmail.button')}
    </Button>
  );
}
