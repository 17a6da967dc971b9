import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * A partner's change (a station's report, a carrier's acknowledgement): busy while it runs, "saved" or the server's
 * message after, and `queryKey` read again. `run` answers whether it worked.
 */
export function usePartnerAction(queryKey: readonly unknown[]) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [busy, setBusy] = useState(false);
  const run = async (call: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    try {
      await call();
      message.success(t('admin.saved'));
      await queries.invalidateQueries({ queryKey });
      return true;
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}
