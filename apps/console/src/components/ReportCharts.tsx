import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Table, Tooltip as Hint } from 'antd';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { api, downloadWithToken, unwrap } from '../api/client';
import type { CampaignReportDto, StationBroadcastsDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const COLORS = { delivered: '#16a34a', failed: '#dc2626', unknown: '#a16207', expired: '#6b7280', pending: '#93c5fd' };
const SLOT_COLORS: Record<string, string> = {
  aired: '#bbf7d0',
  missed: '#fecaca',
  pending: '#e5e7eb',
  skipped: '#fde68a',
  withdrawn: '#d1d5db',
};

/** The outcome of one station's slot, for the grid: the worst that happened on any day of it. */
function slotOutcome(s: { aired: number; missed: number; skipped: number; withdrawn: number; pending: number }) {
  if (s.missed) return 'missed';
  if (s.pending) return 'pending';
  if (s.skipped) return 'skipped';
  if (s.withdrawn && !s.aired) return 'withdrawn';
  return 'aired';
}

/** The report drawn: SMS per carrier, deliveries over time, and who aired which slot; with a CSV export. */
export function ReportCharts({ report, live }: { report: CampaignReportDto; live: boolean }) {
  const { t, lang } = useI18n();
  const { sms, radioBroadcasts } = report.channels;
  const timeline = useQuery({
    queryKey: ['campaign-timeline', report.id],
    queryFn: () =>
      unwrap(
        api.GET('/api/campaigns/{id}/timeline', { params: { path: { id: report.id }, query: { channel: 'sms' } } }),
      ),
    enabled: !!sms,
    refetchInterval: live ? 5000 : false,
  });
  const time = new Intl.DateTimeFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    hour: '2-digit',
    minute: '2-digit',
    second: timeline.data && timeline.data.bucketSeconds < 60 ? '2-digit' : undefined,
    day: timeline.data && timeline.data.bucketSeconds >= 3600 ? '2-digit' : undefined,
    month: timeline.data && timeline.data.bucketSeconds >= 3600 ? '2-digit' : undefined,
  });
  const carriers = Object.entries(sms?.byCarrier ?? {}).map(([carrier, c]) => ({
    carrier,
    delivered: c.delivered,
    failed: c.failed,
    unknown: c.unknown,
    expired: c.expired,
    pending: c.queued + c.sending + c.sent,
  }));
  const slots = [...new Set((radioBroadcasts?.stations ?? []).flatMap((s) => s.slots.map((x) => x.slot)))].sort();
  const label = (k: string) => t(`progress.${k === 'pending' ? 'queued' : k}` as MessageKey);

  return (
    <Card
      title={t('report.title')}
      extra={
        <Button
          onClick={() => void downloadWithToken(`/api/campaigns/${report.id}/report.csv`, `bao-cao-${report.id}.csv`)}
          data-action="export-csv"
        >
          {t('report.csv')}
        </Button>
      }
      data-testid="report"
    >
      <Row gutter={[16, 16]}>
        {sms && (
          <Col xs={24} xl={12} data-testid="chart-carriers">
            <Card size="small" title={t('report.byCarrier')}>
              <ResponsiveContainer width="100%" height={260}>
                <BarChart data={carriers}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="carrier" />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  {(['delivered', 'failed', 'unknown', 'expired', 'pending'] as const).map((k) => (
                    <Bar key={k} dataKey={k} name={label(k)} stackId="a" fill={COLORS[k]} isAnimationActive={false} />
                  ))}
                </BarChart>
              </ResponsiveContainer>
            </Card>
          </Col>
        )}
        {sms && (
          <Col xs={24} xl={12} data-testid="chart-timeline">
            <Card size="small" title={t('report.overTime')}>
              {timeline.data?.points.length ? (
                <ResponsiveContainer width="100%" height={260}>
                  <LineChart data={timeline.data.points.map((p) => ({ ...p, label: time.format(new Date(p.at)) }))}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="label" />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Legend />
                    <Line dataKey="sent" name={t('progress.sent')} stroke="#2563eb" isAnimationActive={false} />
                    <Line
                      dataKey="delivered"
                      name={t('progress.delivered')}
                      stroke={COLORS.delivered}
                      isAnimationActive={false}
                    />
                    <Line
                      dataKey="failed"
                      name={t('progress.failed')}
                      stroke={COLORS.failed}
                      isAnimationActive={false}
                    />
                  </LineChart>
                </ResponsiveContainer>
              ) : (
                <Empty description={t('report.noData')} />
              )}
            </Card>
          </Col>
        )}
        {radioBroadcasts && radioBroadcasts.stations.length > 0 && (
          <Col span={24} data-testid="slot-grid">
            <Card size="small" title={t('report.slots')}>
              <Table<StationBroadcastsDto>
                size="small"
                rowKey="code"
                pagination={false}
                dataSource={radioBroadcasts.stations}
                columns={[
                  {
                    title: t('progress.stations'),
                    dataIndex: 'name',
                    render: (name: string, s) => (s.relayedFrom ? `${name} ↳ ${s.relayedFrom}` : name),
                  },
                  ...slots.map((slot) => ({
                    title: slot,
                    key: slot,
                    align: 'center' as const,
                    render: (_: unknown, s: StationBroadcastsDto) => {
                      const cell = s.slots.find((x) => x.slot === slot);
                      if (!cell) return '—';
                      const outcome = slotOutcome(cell);
                      return (
                        <Hint
                          title={`${t(`slot.${outcome}` as MessageKey)}: ${cell.aired}/${cell.aired + cell.missed + cell.pending}`}
                        >
                          <div
                            data-outcome={outcome}
                            style={{ background: SLOT_COLORS[outcome], borderRadius: 4, padding: '2px 6px' }}
                          >
                            {t(`slot.${outcome}` as MessageKey)}
                          </div>
                        </Hint>
                      );
                    },
                  })),
                ]}
              />
            </Card>
          </Col>
        )}
      </Row>
    </Card>
  );
}
