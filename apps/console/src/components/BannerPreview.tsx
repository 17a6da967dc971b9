import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Table, Typography } from 'antd';
import { api, tokenStore, unwrap } from '../api/client';
import type { BannerDayFiguresDto, BannerPortalFiguresDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';
import { bannerFigureColumns } from './banner-figure-columns';
import { formatDay } from './format';

/**
 * The campaign's banner exactly as portals show it, in a frame that runs no script: the server renders it (nothing
 * counted); fetched with the operator's token, since a frame's own request cannot carry it.
 */
export function BannerPreview({
  campaignId,
  rehearsal,
  live,
}: {
  campaignId: string;
  rehearsal: boolean;
  /** Running: the figures refresh by themselves. */
  live: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const figures = useQuery({
    queryKey: ['banner-portals', campaignId],
    queryFn: () => unwrap(api.GET('/api/campaigns/{id}/banner-portals', { params: { path: { id: campaignId } } })),
    refetchInterval: live ? 15_000 : false,
  });
  const days = useQuery({
    queryKey: ['banner-days', campaignId],
    queryFn: () => unwrap(api.GET('/api/campaigns/{id}/banner-days', { params: { path: { id: campaignId } } })),
    refetchInterval: live ? 15_000 : false,
    enabled: !rehearsal,
  });
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
      <Row gutter={16}>
        <Col flex="320px">
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
        </Col>
        <Col flex="auto">
          {!rehearsal && (figures.data?.length ?? 0) > 0 && (
            <Table<BannerPortalFiguresDto>
              size="small"
              rowKey="portalCode"
              data-testid="banner-portals"
              dataSource={figures.data}
              pagination={false}
              columns={[
                { title: t('admin.portals'), dataIndex: 'portalName' },
                ...bannerFigureColumns<BannerPortalFiguresDto>(i18n),
              ]}
            />
          )}
          {!rehearsal && (figures.data?.length ?? 0) > 0 && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('portal.countingNote')}
            </Typography.Paragraph>
          )}
          {!rehearsal && (days.data?.length ?? 0) > 0 && (
            <Table<BannerDayFiguresDto>
              style={{ marginTop: 12 }}
              size="small"
              title={() => t('banner.byDay')}
              rowKey={(d) => `${d.day}|${d.portalCode}`}
              data-testid="banner-days"
              dataSource={days.data}
              pagination={{ pageSize: 14, hideOnSinglePage: true }}
              columns={[
                { title: t('portal.day'), dataIndex: 'day', render: (d: string) => formatDay(d) },
                { title: t('admin.portals'), dataIndex: 'portalName' },
                ...bannerFigureColumns<BannerDayFiguresDto>(i18n),
              ]}
            />
          )}
        </Col>
      </Row>
    </Card>
  );
}
