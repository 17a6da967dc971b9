import { Card, Typography } from 'antd';
import { useState } from 'react';
import { CampaignTable } from '../components/CampaignTable';
import { useI18n } from '../i18n/i18n';

/** What waits for an approver: campaigns submitted for approval, oldest concerns first in the list's order. */
export function ApprovalsPage() {
  const { t } = useI18n();
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('approvals.title')}
        </Typography.Title>
      }
    >
      <CampaignTable
        filter={{ status: ['pending_approval'], ...page }}
        onPage={(p, pageSize) => setPage({ page: p, pageSize })}
        empty={t('approvals.empty')}
      />
    </Card>
  );
}
