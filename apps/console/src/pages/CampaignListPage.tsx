import { Button, Card, DatePicker, Input, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useNavigate, useSearchParams } from 'react-router';
import { hasRole, useSession } from '../auth/session';
import { CAMPAIGN_STATUSES, type CampaignStatus } from '@loa/campaign-status';
import { CampaignTable, type CampaignFilter, type ChannelName } from '../components/CampaignTable';
import { CAMPAIGN_MODES } from '../components/PlanFields';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

const CHANNELS: ChannelName[] = ['sms', 'email', 'banner', 'radio'];
const isStatus = (s: string): s is CampaignStatus => (CAMPAIGN_STATUSES as readonly string[]).includes(s);
const isChannel = (c: string | null): c is ChannelName => CHANNELS.includes(c as ChannelName);

/** The campaign list: every filter lives in the address, so a filtered list can be bookmarked or sent on. */
export function CampaignListPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filter: CampaignFilter = {
    q: params.get('q') ?? undefined,
    status: params.get('status')?.split(',').filter(isStatus),
    channel: isChannel(params.get('channel')) ? (params.get('channel') as ChannelName) : undefined,
    mode: CAMPAIGN_MODES.find((m) => m === params.get('mode')),
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    page: Number(params.get('page') ?? 1),
    pageSize: Number(params.get('pageSize') ?? 20),
  };
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!('page' in changes)) next.delete('page');
    setParams(next);
  };

  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('list.title')}
        </Typography.Title>
      }
      extra={
        hasRole(user, 'editor') && (
          <Button type="primary" onClick={() => navigate('/campaigns/new')}>
            {t('nav.new')}
          </Button>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={filter.q}
          placeholder={t('list.searchPlaceholder')}
          style={{ width: 380 }}
          onSearch={(q) => update({ q: q || undefined })}
          aria-label={t('common.search')}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder={t('list.status')}
          style={{ minWidth: 220 }}
          value={filter.status ?? []}
          onChange={(v: string[]) => update({ status: v.join(',') || undefined })}
          options={CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`status.${s}` as MessageKey) }))}
          aria-label={t('list.status')}
        />
        <Select
          allowClear
          placeholder={t('list.channel')}
          style={{ minWidth: 200 }}
          value={filter.channel}
          onChange={(v?: string) => update({ channel: v })}
          options={CHANNELS.map((c) => ({ value: c, label: t(`channel.${c}` as MessageKey) }))}
          aria-label={t('list.channel')}
        />
        <Select
          allowClear
          placeholder={t('mode.label')}
          style={{ minWidth: 160 }}
          value={filter.mode}
          onChange={(v?: string) => update({ mode: v })}
          options={CAMPAIGN_MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))}
          aria-label={t('mode.label')}
          data-testid="mode-filter"
        />
        <DatePicker.RangePicker
          value={filter.from && filter.to ? [dayjs(filter.from), dayjs(filter.to)] : null}
          onChange={(range) =>
            update({
              from: range?.[0]?.startOf('day').toISOString(),
              to: range?.[1]?.endOf('day').toISOString(),
            })
          }
          aria-label={t('list.window')}
        />
      </Space>
      <CampaignTable
        filter={filter}
        onPage={(page, pageSize) => update({ page: String(page), pageSize: String(pageSize) })}
      />
    </Card>
  );
}
