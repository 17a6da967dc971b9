import { useQuery } from '@tanstack/react-query';
import { Card, Typography } from 'antd';
import { tokenStore } from '../api/client';
import { useI18n } from '../i18n/i18n';

/**
 * The campaign's banner exactly as portals show it, in a frame that runs no script: the server renders it (nothing
 * counted); fetched with the operator's token, since a frame's own request cannot carry it.
 */
export function BannerPreview({ campaignId, rehearsal }: { campaignId: string; rehearsal: boolean }) {
  const { t } = useI18n();
  const html = useQuery({
    queryKey: ['banner-preview', campaignId],
    queryFn: async () => {
      const res = await fetch(`/api/campaigns/${encodeURIComponent(campaignId)}/banner-preview`, {
        headers: { Authorization: `Bearer ${tokenStore.get() ?? ''}` },
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      return res.text();
    },
  });
  return (
    <Card size="small" title={t('banner.preview')} data-testid="banner-preview">
      {rehearsal && <Typography.Paragraph type="warning">{t('banner.previewOnly')}</Typography.Paragraph>}
      {html.data && (
        <iframe
          title={t('banner.preview')}
          srcDoc={html.data}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          width={300}
          height={250}
          style={{ border: 0 }}
        />
      )}
    </Card>
  );
}
