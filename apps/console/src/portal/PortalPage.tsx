import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Empty, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { ApiError, api, unwrap } from '../api/client';
import type { BannerDayFiguresDto, PortalCampaignFiguresDto } from '../api/schema.gen';
import { bannerFigureColumns } from '../components/banner-figure-columns';
import { formatDate, formatDay } from '../components/format';
import { StatusTag } from '../components/StatusTag';
import { useI18n } from '../i18n/i18n';
import { PartnerGate } from '../partner/PartnerGate';
import type { PartnerCredentials } from '../partner/partner-session';

function viewCall(c: PartnerCredentials) {
  return api.GET('/portals/{code}', { params: { path: { code: c.code }, header: { 'X-Portal-Key': c.key } } });
}

/**
 * A portal webmaster's page (the portal's own key): the one snippet to paste, the banner the portal shows now, and
 * what each campaign's banner did there (impressions, clicks, click-through).
 */
export function PortalPage() {
  return (
    <PartnerGate kind="portal" verify={(c) => unwrap(viewCall(c))}>
      {(credentials, signOut) => <PortalView credentials={credentials} onSignOut={signOut} />}
    </PartnerGate>
  );
}

function PortalView({ credentials, onSignOut }: { credentials: PartnerCredentials; onSignOut(): void }) {
  const i18n = useI18n();
  const { t, lang } = i18n;
  const { message } = App.useApp();
  const [size, setSize] = useState('300x250');
  const view = useQuery({
    queryKey: ['portal-view', credentials.code],
    queryFn: () => unwrap(viewCall(credentials)),
    refetchInterval: 30_000,
  });
  if (view.error instanceof ApiError && (view.error.status === 401 || view.error.status === 404)) {
    onSignOut();
    return null;
  }
  if (!view.data) return <Spin fullscreen tip={t('common.loading')} />;
  const v = view.data;
  const snippet = v.snippets.find((s) => s.size === size) ?? v.snippets[0];
  const [width, height] = size === 'responsive' ? [728, 90] : size.split('x').map(Number);
  const headlines = new Map(v.campaigns.map((c) => [c.campaignId, c.headline]));
  const copy = async () => {
    await navigator.clipboard.writeText(snippet.html);
    message.success(t('portal.copied'));
  };
  return (
    <main style={{ maxWidth: 960, margin: '0 auto', padding: 16 }} data-testid="portal-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {v.portal.name}
          </Typography.Title>
          <Typography.Text type="secondary">{v.portal.url}</Typography.Text>
        </div>
        <Button onClick={onSignOut}>{t('nav.logout')}</Button>
      </Space>
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card size="small" title={t('portal.snippet')}>
          <Typography.Paragraph type="secondary">{t('portal.snippetHelp')}</Typography.Paragraph>
          <Space style={{ marginBottom: 8 }}>
            <label htmlFor="portal-size">{t('portal.size')}</label>
            <Select
              id="portal-size"
              value={size}
              onChange={setSize}
              style={{ minWidth: 300 }}
              data-testid="portal-size"
              options={v.snippets.map((s) => ({
                value: s.size,
                label: s.size === 'responsive' ? s.label : `${s.size.replace('x', '×')} — ${s.label}`,
              }))}
            />
          </Space>
          <pre data-testid="portal-snippet" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {snippet.html}
          </pre>
          <Button onClick={() => void copy()} data-action="copy-snippet">
            {t('portal.copy')}
          </Button>
          {snippet.imageHtml && (
            <>
              <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
                {t('portal.imageSnippetHelp')}
              </Typography.Paragraph>
              <pre data-testid="portal-image-snippet" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                {snippet.imageHtml}
              </pre>
            </>
          )}
        </Card>
        <Card size="small" title={t('portal.preview')}>
          {v.showing ? null : (
            <Typography.Paragraph type="secondary">{t('portal.nothingShowing')}</Typography.Paragraph>
          )}
          <iframe
            title={t('portal.preview')}
            srcDoc={v.previewHtml}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            width={width}
            height={height}
            style={{ border: '1px dashed #ccc', maxWidth: '100%' }}
            data-testid="portal-preview"
          />
        </Card>
        <Card size="small" title={t('portal.figures')}>
          {v.campaigns.length === 0 ? (
            <Empty description={t('portal.noCampaigns')} />
          ) : (
            <Table<PortalCampaignFiguresDto>
              size="small"
              data-testid="portal-campaigns"
              rowKey="campaignId"
              dataSource={v.campaigns}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              scroll={{ x: true }}
              columns={[
                {
                  title: t('portal.banner'),
                  key: 'banner',
                  render: (_, c) => (
                    <span>
                      <Typography.Text strong>{c.headline}</Typography.Text>
                      <br />
                      <Typography.Text type="secondary">{c.title}</Typography.Text>
                      {c.campaignId === v.showing && <Tag color="green">{t('portal.showingNow')}</Tag>}
                    </span>
                  ),
                },
                { title: t('list.col.status'), key: 'status', render: (_, c) => <StatusTag status={c.status} /> },
                {
                  title: t('list.col.window'),
                  key: 'window',
                  render: (_, c) => `${formatDate(c.startsAt, lang)} – ${formatDate(c.endsAt, lang)}`,
                },
                ...bannerFigureColumns<PortalCampaignFiguresDto>(i18n),
              ]}
            />
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('portal.countingNote')}
          </Typography.Paragraph>
        </Card>
        {v.days.length > 0 && (
          <Card size="small" title={t('portal.byDay')}>
            <Table<BannerDayFiguresDto>
              size="small"
              rowKey={(d) => `${d.day}|${d.campaignId}`}
              data-testid="portal-days"
              dataSource={v.days}
              pagination={{ pageSize: 15, hideOnSinglePage: true }}
              scroll={{ x: true }}
              columns={[
                { title: t('portal.day'), dataIndex: 'day', render: (d: string) => formatDay(d) },
                { title: t('portal.banner'), key: 'banner', render: (_, d) => headlines.get(d.campaignId) ?? '—' },
                ...bannerFigureColumns<BannerDayFiguresDto>(i18n),
              ]}
            />
          </Card>
        )}
      </Space>
    </main>
  );
}
