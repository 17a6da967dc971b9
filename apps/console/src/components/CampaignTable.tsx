import { useQuery } from '@tanstack/react-query';
import { Alert, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router';
import type { CampaignStatus } from '@loa/campaign-status';
import { api, unwrap } from '../api/client';
import type { CampaignListItemDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';
import { formatDate } from './format';
import { ChannelTags, ModeTag, StatusTag } from './StatusTag';

export type ChannelName = 'sms' | 'email' | 'banner' | 'radio';

export interface CampaignFilter {
  q?: string;
  status?: CampaignStatus[];
  channel?: ChannelName;
  mode?: 'actual' | 'exercise' | 'test';
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

/** One page of the organisation's campaigns, as the server filters and counts them. */
export function CampaignTable({
  filter,
  onPage,
  empty,
}: {
  filter: CampaignFilter;
  onPage(page: number, pageSize: number): void;
  empty?: string;
}) {
  const { t, lang } = useI18n();
  const query = useQuery({
    queryKey: ['campaigns', filter],
    queryFn: () =>
      unwrap(
        api.GET('/api/campaigns', {
          params: {
            query: {
              q: filter.q || undefined,
              status: filter.status?.length ? filter.status : undefined,
              channel: filter.channel || undefined,
              mode: filter.mode ? [filter.mode] : undefined,
              from: filter.from,
              to: filter.to,
              page: filter.page,
              pageSize: filter.pageSize,
            },
          },
        }),
      ),
    placeholderData: (previous) => previous,
  });

  const columns: ColumnsType<CampaignListItemDto> = [
    {
      title: t('list.col.title'),
      dataIndex: 'title',
      render: (title: string, c) => (
        <Link to={`/campaigns/${c.id}`}>
          {c.emergency ? '🚨 ' : ''}
          <ModeTag mode={c.mode} />
          {title}
        </Link>
      ),
    },
    {
      title: t('list.col.document'),
      key: 'document',
      render: (_, c) => (
        <div>
          <Typography.Text strong>{c.documentCode ?? '—'}</Typography.Text>
          <br />
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
            {c.subject}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('list.col.channels'), dataIndex: 'channels', render: (ch: string[]) => <ChannelTags channels={ch} /> },
    { title: t('list.col.status'), dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
    {
      title: t('list.col.window'),
      key: 'window',
      render: (_, c) => `${formatDate(c.startsAt, lang)} – ${formatDate(c.endsAt, lang)}`,
    },
    { title: t('list.col.createdBy'), dataIndex: 'createdByName' },
  ];

  if (query.error) return <Alert type="error" title={t('common.error')} description={String(query.error.message)} />;
  return (
    <Table
      rowKey="id"
      data-testid="campaign-table"
      columns={columns}
      dataSource={query.data?.items ?? []}
      loading={query.isFetching}
      locale={{ emptyText: empty ?? t('list.empty') }}
      pagination={{
        current: filter.page,
        pageSize: filter.pageSize,
        total: query.data?.total ?? 0,
        showSizeChanger: true,
        showTotal: (total) => t('list.total', { total }),
        onChange: onPage,
      }}
    />
  );
}
