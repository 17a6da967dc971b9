import { Tag } from 'antd';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const COLORS: Record<string, string> = {
  draft: 'default',
  pending_approval: 'gold',
  approved: 'blue',
  running: 'green',
  paused: 'orange',
  completed: 'cyan',
  cancelled: 'red',
};

export function StatusTag({ status }: { status: string }) {
  const { t } = useI18n();
  return (
    <Tag color={COLORS[status] ?? 'default'} data-status={status}>
      {t(`status.${status}` as MessageKey)}
    </Tag>
  );
}

/** An exercise or test, marked wherever the campaign is named; nothing for a real campaign. */
export function ModeTag({ mode }: { mode: string }) {
  const { t } = useI18n();
  if (mode !== 'exercise' && mode !== 'test') return null;
  return (
    <Tag color="purple" data-mode={mode}>
      {t(`mode.${mode}`)}
    </Tag>
  );
}

export function ChannelTags({ channels }: { channels: readonly string[] }) {
  const { t } = useI18n();
  return (
    <>
      {channels.map((c) => (
        <Tag key={c}>{t(`channel.${c}` as MessageKey)}</Tag>
      ))}
    </>
  );
}
