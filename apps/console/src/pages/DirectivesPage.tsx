import { useQuery } from '@tanstack/react-query';
import { Card, Input, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../api/client';
import type { DirectiveListItemDto } from '../api/schema.gen';
import { formatDate, formatDateTime } from '../components/format';
import { useI18n } from '../i18n/i18n';

export function DirectivesPage() {
  const { t, lang } = useI18n();
  const [q, setQ] = useState('');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = useQuery({
    queryKey: ['directives', q, page],
    queryFn: () => unwrap(api.GET('/api/directives', { params: { query: { q: q || undefined, ...page } } })),
    placeholderData: (previous) => previous,
  });
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('directives.title')}
        </Typography.Title>
      }
    >
      <Input.Search
        allowClear
        placeholder={t('list.searchPlaceholder')}
        style={{ width: 380, marginBottom: 16 }}
        onSearch={(value) => {
          setQ(value);
          setPage((p) => ({ ...p, page: 1 }));
        }}
      />
      <Table<DirectiveListItemDto>
        rowKey="id"
        loading={query.isFetching}
        dataSource={query.data?.items ?? []}
        columns={[
          { title: t('directives.col.code'), dataIndex: 'documentCode', render: (v: string | null) => v ?? '—' },
          { title: t('directives.col.subject'), dataIndex: 'subject' },
          { title: t('directives.col.issuer'), dataIndex: 'issuer' },
          { title: t('directives.col.date'), dataIndex: 'date', render: (v: string | null) => formatDate(v, lang) },
          { title: t('directives.col.campaigns'), dataIndex: 'campaigns', align: 'right' },
          { title: '', dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
        ]}
        pagination={{
          current: page.page,
          pageSize: page.pageSize,
          total: query.data?.total ?? 0,
          onChange: (p, pageSize) => setPage({ page: p, pageSize }),
        }}
      />
    </Card>
  );
}
