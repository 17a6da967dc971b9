import { useQuery } from '@tanstack/react-query';
import { Card, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { OverdueFollowUpDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { formatDateTime } from './format';

const STATUS_COLOR: Record<OverdueFollowUpDto['status'], string | undefined> = {
  sending: 'processing',
  sent: 'success',
  failed: 'error',
  unknown: 'warning',
  no_recipient: 'error',
};

/** The reminders and escalations Loa sent about stations that fell behind and carriers that did not acknowledge. */
export function OverdueFollowUps({ campaignId, live }: { campaignId: string; live: boolean }) {
  const { t, lang } = useI18n();
  const followUps = useQuery({
    queryKey: ['campaign-follow-ups', campaignId],
    queryFn: () => unwrap(api.GET('/api/campaigns/{id}/follow-ups', { params: { path: { id: campaignId } } })),
    refetchInterval: live ? 30_000 : false,
  });
  return (
    <Card title={t('followUps.title')} data-testid="overdue-follow-ups">
      {followUps.data && followUps.data.length === 0 ? (
        <Typography.Text type="secondary">{t('followUps.none')}</Typography.Text>
      ) : (
        <Table<OverdueFollowUpDto>
          size="small"
          rowKey={(f) => `${f.subjectType}:${f.subjectName}:${f.problem}:${f.kind}:${f.seq}:${f.createdAt}`}
          loading={followUps.isFetching && !followUps.data}
          dataSource={followUps.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('followUps.at'), key: 'at', render: (_, f) => formatDateTime(f.sentAt ?? f.createdAt, lang) },
            { title: t('followUps.subject'), key: 'subject', render: (_, f) => f.subjectName ?? '—' },
            {
              title: t('followUps.problem'),
              key: 'problem',
              render: (_, f) => t(`followUps.problem.${f.problem}` as MessageKey),
            },
            {
              title: t('followUps.kind'),
              key: 'kind',
              render: (_, f) => (
                <Tag color={f.kind === 'escalation' ? 'volcano' : undefined}>
                  {t(`followUps.kind.${f.kind}` as MessageKey)}
                </Tag>
              ),
            },
            { title: t('followUps.recipients'), key: 'to', render: (_, f) => f.recipients.join(', ') || '—' },
            {
              title: t('followUps.status'),
              key: 'status',
              render: (_, f) => (
                <Tag color={STATUS_COLOR[f.status]} title={f.error ?? undefined}>
                  {t(`followUps.status.${f.status}` as MessageKey)}
                </Tag>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
