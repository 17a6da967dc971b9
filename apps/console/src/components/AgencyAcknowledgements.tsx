import { useQuery } from '@tanstack/react-query';
import { Card, Progress, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { AgencyAcknowledgementDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from './format';

/** E-mail statuses: not sent yet, and never to be sent. */
const WAITING = ['queued', 'sending'];
const NOT_SENT = ['failed', 'cancelled', 'expired'];

/** Who of the agencies written to has pressed "Xác nhận đã nhận", and when; those still silent first. */
export function AgencyAcknowledgements({ campaignId, live }: { campaignId: string; live: boolean }) {
  const { t, lang } = useI18n();
  const acks = useQuery({
    queryKey: ['campaign-acks', campaignId],
    queryFn: () => unwrap(api.GET('/api/campaigns/{id}/acknowledgements', { params: { path: { id: campaignId } } })),
    refetchInterval: live ? 10_000 : false,
  });
  const rows = [...(acks.data ?? [])].sort(
    (a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null),
  );
  const done = rows.filter((r) => r.acknowledgedAt !== null).length;
  return (
    <Card title={t('acks.title')} data-testid="agency-acks">
      <Typography.Paragraph>
        <Typography.Text strong data-testid="acks-summary">
          {t('acks.summary', { acknowledged: done, total: rows.length })}
        </Typography.Text>
        <Progress
          aria-label={t('acks.title')}
          percent={rows.length ? Math.round((done / rows.length) * 100) : 0}
          size="small"
        />
      </Typography.Paragraph>
      <Table<AgencyAcknowledgementDto>
        size="small"
        rowKey="agencyCode"
        loading={acks.isFetching && !acks.data}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          {
            title: t('acks.agency'),
            key: 'agency',
            render: (_, a) => (
              <span>
                {a.agencyName ?? a.agencyCode}
                {a.email && <Typography.Text type="secondary"> · {a.email}</Typography.Text>}
              </span>
            ),
          },
          {
            title: t('acks.sentAt'),
            key: 'sent',
            render: (_, a) =>
              WAITING.includes(a.status) ? (
                <Tag>{t('acks.pending')}</Tag>
              ) : NOT_SENT.includes(a.status) ? (
                <Tag color="error">{t('acks.notSent')}</Tag>
              ) : (
                formatDateTime(a.sentAt, lang)
              ),
          },
          {
            title: t('acks.acknowledgedAt'),
            key: 'ack',
            render: (_, a) =>
              a.acknowledgedAt ? (
                <Tag color="success">{formatDateTime(a.acknowledgedAt, lang)}</Tag>
              ) : (
                <span>
                  <Tag color="warning">{t('acks.waiting')}</Tag>
                  {a.reminders > 0 && <Tag>{t('acks.reminded', { n: a.reminders })}</Tag>}
                  {a.escalatedAt && (
                    <Tag color="error" title={formatDateTime(a.escalatedAt, lang)}>
                      {t('acks.escalated')}
                    </Tag>
                  )}
                </span>
              ),
          },
        ]}
      />
    </Card>
  );
}
