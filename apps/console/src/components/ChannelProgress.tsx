import { Alert, Card, Col, Descriptions, Progress, Row, Statistic, Table, Typography } from 'antd';
import type { CampaignReportDto, EmailReportDto } from '../api/schema.gen';

/** Rows by delivery status, as every channel's report counts them. */
type RowCountersDto = Omit<EmailReportDto, 'acknowledged'>;
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { formatDateTime, formatNumber } from './format';

const COUNTER_KEYS = ['queued', 'sending', 'sent', 'delivered', 'failed', 'unknown', 'expired', 'opted_out'] as const;

function done(c: RowCountersDto): number {
  return c.delivered + c.failed + c.unknown + c.expired + c.cancelled + c.opted_out;
}

function Counters({ counters }: { counters: RowCountersDto }) {
  const { t, lang } = useI18n();
  return (
    <Row gutter={[12, 12]}>
      <Col span={6}>
        <Statistic title={t('progress.total')} value={formatNumber(counters.total, lang)} />
      </Col>
      {COUNTER_KEYS.filter((k) => counters[k] > 0 || k === 'delivered' || k === 'failed').map((k) => (
        <Col span={6} key={k}>
          <Statistic title={t(`progress.${k}` as MessageKey)} value={formatNumber(counters[k], lang)} />
        </Col>
      ))}
    </Row>
  );
}

/** Live progress of each channel of a campaign, from its report (Postgres is the truth). */
export function ChannelProgress({ report }: { report: CampaignReportDto }) {
  const { t, lang } = useI18n();
  const { sms, email, banner, radio } = report.channels;
  return (
    <Row gutter={[16, 16]}>
      {sms && (
        <Col xs={24} xl={12} data-testid="progress-sms">
          <Card title={t('channel.sms')}>
            <Progress
              aria-label={t('channel.sms')}
              percent={sms.total ? Math.round((done(sms) / sms.total) * 100) : 0}
            />
            <Counters counters={sms} />
            {(sms.waiting ?? []).map((w) => (
              <Alert
                key={`${w.carrierCode}-${w.reason}`}
                data-testid="sms-waiting"
                style={{ marginTop: 12 }}
                type="info"
                showIcon
                title={t(`waiting.${w.reason}`, {
                  rows: formatNumber(w.rows, lang),
                  carrier: w.carrierCode,
                  until: formatDateTime(w.until, lang),
                })}
              />
            ))}
            {(sms.routeSwitches ?? []).map((r) => (
              <Alert
                key={`${r.carrierCode}-${r.at}`}
                data-testid="sms-route-switch"
                style={{ marginTop: 12 }}
                type={r.to === 'secondary' ? 'warning' : 'success'}
                showIcon
                title={t(`route.${r.to}`, { carrier: r.carrierCode, at: formatDateTime(r.at, lang) })}
                description={
                  <>
                    {t(`route.why.${r.reason}`, { seconds: formatNumber(r.seconds, lang) })}
                    {r.error && (
                      <>
                        {': '}
                        <Typography.Text code>{r.error}</Typography.Text>
                      </>
                    )}
                  </>
                }
              />
            ))}
            <Table
              size="small"
              style={{ marginTop: 12 }}
              pagination={false}
              rowKey="carrier"
              dataSource={Object.entries(sms.byCarrier).map(([carrier, c]) => ({ carrier, ...c }))}
              columns={[
                { title: t('progress.carrier'), dataIndex: 'carrier' },
                { title: t('progress.sent'), dataIndex: 'sent', align: 'right' },
                { title: t('progress.delivered'), dataIndex: 'delivered', align: 'right' },
                { title: t('progress.failed'), dataIndex: 'failed', align: 'right' },
                { title: t('progress.unknown'), dataIndex: 'unknown', align: 'right' },
                ...(Object.values(sms.byCarrier).some((c) => c.viaSecondary > 0)
                  ? [{ title: t('progress.viaSecondary'), dataIndex: 'viaSecondary', align: 'right' as const }]
                  : []),
              ]}
            />
            {sms.carrierOrders.length > 0 && (
              <>
                <Typography.Title level={5}>{t('progress.orders')}</Typography.Title>
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(o) => `${o.carrierCode}-${o.area}`}
                  dataSource={sms.carrierOrders}
                  columns={[
                    { title: t('progress.carrier'), dataIndex: 'carrierCode' },
                    { title: 'Khu vực / Area', dataIndex: 'areaName' },
                    { title: t('list.col.status'), dataIndex: 'status' },
                    { title: t('progress.sent'), dataIndex: 'submitted', align: 'right' },
                    { title: t('progress.delivered'), dataIndex: 'delivered', align: 'right' },
                  ]}
                />
              </>
            )}
          </Card>
        </Col>
      )}
      {email && (
        <Col xs={24} xl={12} data-testid="progress-email">
          <Card title={t('channel.email')}>
            <Progress
              aria-label={t('channel.email')}
              percent={email.total ? Math.round((done(email) / email.total) * 100) : 0}
            />
            <Counters counters={email} />
          </Card>
        </Col>
      )}
      {banner && (
        <Col xs={24} xl={12} data-testid="progress-banner">
          <Card title={t('channel.banner')}>
            <Descriptions column={3} size="small">
              <Descriptions.Item label={t('progress.portals')}>{banner.portals}</Descriptions.Item>
              <Descriptions.Item label={t('progress.served')}>{formatNumber(banner.served, lang)}</Descriptions.Item>
              <Descriptions.Item label={t('progress.clicked')}>{formatNumber(banner.clicked, lang)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      )}
      {radio && (
        <Col xs={24} xl={12} data-testid="progress-radio">
          <Card title={t('channel.radio')}>
            <Progress
              aria-label={t('channel.radio')}
              percent={radio.stations ? Math.round((radio.confirmed / radio.stations) * 100) : 0}
            />
            <Row gutter={12}>
              <Col span={6}>
                <Statistic title={t('progress.stations')} value={radio.stations} />
              </Col>
              <Col span={6}>
                <Statistic title={t('progress.pulled')} value={radio.pulled} />
              </Col>
              <Col span={6}>
                <Statistic title={t('progress.confirmed')} value={radio.confirmed} />
              </Col>
              <Col span={6}>
                <Statistic title={t('progress.pending')} value={radio.pending} />
              </Col>
            </Row>
          </Card>
        </Col>
      )}
    </Row>
  );
}
