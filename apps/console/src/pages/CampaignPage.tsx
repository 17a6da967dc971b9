import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Spin, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import type { AuditEventDto } from '../api/schema.gen';
import { hasRole, useSession } from '../auth/session';
import { AgencyAcknowledgements } from '../components/AgencyAcknowledgements';
import { OverdueFollowUps } from '../components/OverdueFollowUps';
import { RadioRecordings } from '../components/RadioRecordings';
import { BannerPreview } from '../components/BannerPreview';
import { AudienceUpload } from '../components/AudienceUpload';
import { CampaignActions } from '../components/CampaignActions';
import { CarrierPauses } from '../components/CarrierPauses';
import { ChannelProgress } from '../components/ChannelProgress';
import { PlanSummary } from '../components/PlanSummary';
import { RadioAmendments } from '../components/RadioAmendments';
import { ResultReportCard } from '../components/ResultReportCard';
import { TestSendButton } from '../components/TestSendButton';
import { ChannelTags, ModeTag, StatusTag } from '../components/StatusTag';
import { formatDateTime } from '../components/format';
import { auditActionLabel } from '../i18n/audit-actions';
import { useI18n } from '../i18n/i18n';

/** The charts (and their library) load once a campaign has something to chart. */
const ReportCharts = lazy(() => import('../components/ReportCharts').then((m) => ({ default: m.ReportCharts })));

/** While a campaign is on its way, its progress is read again every few seconds. */
const LIVE_STATUSES = ['approved', 'running', 'paused'];
const LIVE_MS = 3000;
/** Before launch the subscriber list may still grow (an approved campaign then goes back for approval). */
const EDITABLE = ['draft', 'pending_approval', 'approved'];

export function CampaignPage() {
  const { id = '' } = useParams();
  const { t, lang } = useI18n();
  const queries = useQueryClient();
  const { user } = useSession();
  const plan = useQuery({
    queryKey: ['campaign-plan', id],
    queryFn: () => unwrap(api.GET('/api/campaigns/{id}/plan', { params: { path: { id } } })),
  });
  const live = LIVE_STATUSES.includes(plan.data?.status ?? '');
  const report = useQuery({
    queryKey: ['campaign-report', id],
    queryFn: () => unwrap(api.GET('/api/campaigns/{id}', { params: { path: { id } } })),
    refetchInterval: live ? LIVE_MS : false,
  });
  const audit = useQuery({
    queryKey: ['campaign-audit', id],
    queryFn: () => unwrap(api.GET('/api/campaigns/{id}/audit', { params: { path: { id } } })),
    refetchInterval: live ? LIVE_MS * 5 : false,
  });
  // The report carries the status too: when the worker completes the campaign, the page follows.
  const reportStatus = report.data?.status;
  const planStatus = plan.data?.status;
  useEffect(() => {
    if (reportStatus && planStatus && reportStatus !== planStatus) {
      void queries.invalidateQueries({ queryKey: ['campaign-plan', id] });
    }
  }, [reportStatus, planStatus, queries, id]);
  const refresh = () => void queries.invalidateQueries({ predicate: (q) => String(q.queryKey[1]) === id });

  if (plan.error) return <Alert type="error" showIcon title={t('common.error')} description={plan.error.message} />;
  if (!plan.data) return <Spin />;
  const c = plan.data;
  const channels = Object.keys(c.channels);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="campaign-title">
          {c.emergency && <Tag color="red">🚨</Tag>}
          <ModeTag mode={c.mode} />
          {c.title} <StatusTag status={c.status} />
          {live && (
            <Tag color="processing" style={{ marginLeft: 8 }}>
              {t('common.refreshing')}
            </Tag>
          )}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('list.col.document')}>
            <Typography.Text strong>{c.documentCode ?? '—'}</Typography.Text>&nbsp;{c.subject}
          </Descriptions.Item>
          <Descriptions.Item label={t('list.col.channels')}>
            <ChannelTags channels={channels} />
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.window')}>
            {formatDateTime(c.startsAt, lang)} – {formatDateTime(c.endsAt, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('list.col.createdBy')}>
            {c.createdByName}
            {c.approvedByName && ` · ${t('status.approved')}: ${c.approvedByName}`}
          </Descriptions.Item>
        </Descriptions>
        <CampaignActions plan={c} onChanged={refresh} />
        {report.data && (
          <div style={{ marginTop: 16 }}>
            <CarrierPauses report={report.data} onChanged={refresh} />
          </div>
        )}
      </Card>
      <Card
        title={t('approve.summary')}
        extra={
          EDITABLE.includes(c.status) && hasRole(user, 'editor', 'approver') ? (
            <Space>
              {c.channels.sms && <TestSendButton campaignId={c.id} channel="sms" />}
              {c.channels.email && <TestSendButton campaignId={c.id} channel="email" />}
            </Space>
          ) : undefined
        }
      >
        <PlanSummary plan={c} />
      </Card>
      {c.channels.banner && <BannerPreview campaignId={c.id} rehearsal={c.mode !== 'actual'} live={live} />}
      {c.channels.sms && EDITABLE.includes(c.status) && hasRole(user, 'editor') && (
        <Card title={t('audience.title')}>
          <AudienceUpload campaignId={c.id} onImported={refresh} />
        </Card>
      )}
      {report.data && ['running', 'paused', 'completed', 'cancelled'].includes(c.status) && (
        <Card title={t('detail.channels')}>
          <ChannelProgress report={report.data} />
        </Card>
      )}
      {c.channels.email && ['running', 'paused', 'completed', 'cancelled'].includes(c.status) && (
        <AgencyAcknowledgements campaignId={c.id} live={live} />
      )}
      {(c.channels.radio || c.channels.sms) && ['running', 'paused', 'completed', 'cancelled'].includes(c.status) && (
        <OverdueFollowUps campaignId={c.id} live={live} />
      )}
      {c.channels.radio && ['running', 'paused'].includes(c.status) && <RadioAmendments plan={c} onChanged={refresh} />}
      {c.channels.radio &&
        [...EDITABLE, 'running', 'paused'].includes(c.status) &&
        hasRole(user, 'editor', 'approver') && <RadioRecordings campaignId={c.id} onChanged={refresh} />}
      {report.data && ['running', 'paused', 'completed', 'cancelled'].includes(c.status) && (
        <Suspense fallback={<Spin />}>
          <ReportCharts report={report.data} live={live} />
        </Suspense>
      )}
      {['running', 'paused', 'completed', 'cancelled'].includes(c.status) && <ResultReportCard campaignId={c.id} />}
      <Card title={t('detail.audit')}>
        <Table<AuditEventDto>
          size="small"
          rowKey="id"
          loading={audit.isFetching && !audit.data}
          dataSource={audit.data?.events ?? []}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('audit.when'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
            {
              title: t('audit.who'),
              key: 'who',
              render: (_, e) => e.actorName ?? (e.actorType === 'user' ? e.actorId : e.actorType),
            },
            {
              title: t('audit.what'),
              dataIndex: 'action',
              render: (v: string) => <span title={v}>{auditActionLabel(v, lang)}</span>,
            },
            {
              title: t('audit.change'),
              key: 'change',
              render: (_, e) => {
                const from = (e.before as { status?: string } | null)?.status;
                const to = (e.after as { status?: string } | null)?.status;
                return from || to ? (
                  <span>
                    {from && <StatusTag status={from} />} → {to && <StatusTag status={to} />}
                  </span>
                ) : null;
              },
            },
          ]}
        />
      </Card>
      <Link to="/campaigns">← {t('nav.campaigns')}</Link>
    </Space>
  );
}
