import { Alert, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import type { ChannelPlansDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';
import { SmsCounter } from './SmsCounter';
import { BannerImageRef, BannerImagesField } from './BannerImagesField';

export type Channel = 'sms' | 'email' | 'banner' | 'radio';
export const CHANNELS: Channel[] = ['sms', 'email', 'banner', 'radio'];

/** The plan as the editor edits it, for a new campaign and for a draft alike. */
export type CampaignMode = 'actual' | 'exercise' | 'test';
export const CAMPAIGN_MODES: CampaignMode[] = ['actual', 'exercise', 'test'];

export interface PlanFormValues {
  title: string;
  mode: CampaignMode;
  window: [Dayjs, Dayjs];
  use: Record<Channel, boolean>;
  sms: { text: string; stripDiacritics: boolean; subscribers: string };
  email: { agencyGroups: string[]; agencyCodes: string[]; message: string };
  banner: {
    headline: string;
    body: string;
    targetUrl: string;
    portalCodes: string[];
    priority: number;
    images: BannerImageRef[];
    imageAlt: string;
  };
  radio: { stationCodes: string[]; script: string; slots: string };
  /** Unit codes of the campaign's area; empty: the organisation's whole province. */
  area?: string[];
}

type Option = { value: string; label: string };

const list = (text: string, separators: RegExp) =>
  text
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);

/** The channel plans of the request body for the chosen channels (the API's ChannelPlansDto shape). */
export function planChannelsBody(v: PlanFormValues, chosen: Channel[]): ChannelPlansDto {
  const body: ChannelPlansDto = {};
  // Only the chosen channels' fields are read: a form shows (and so submits) only the channels it edits.
  if (chosen.includes('sms')) {
    const subscribers = list(v.sms.subscribers ?? '', /[\s,;]+/);
    body.sms = {
      text: v.sms.text,
      stripDiacritics: v.sms.stripDiacritics,
      ...(subscribers.length ? { subscribers } : {}),
    };
  }
  if (chosen.includes('email')) body.email = v.email;
  if (chosen.includes('banner')) {
    const { images, imageAlt, ...banner } = v.banner;
    body.banner = {
      ...banner,
      portalCodes: banner.portalCodes.length ? banner.portalCodes : undefined,
      images: images?.length ? images.map((i) => ({ imageId: i.imageId })) : undefined,
      imageAlt: imageAlt?.trim() ? imageAlt.trim() : undefined,
    };
  }
  if (chosen.includes('radio')) {
    // No slots typed: each station's own broadcast slots apply.
    const slots = list(v.radio.slots, /,/);
    body.radio = { stationCodes: v.radio.stationCodes, script: v.radio.script, ...(slots.length ? { slots } : {}) };
  }
  return body;
}

/** The fields of the request body that every channel shares: title, mode, window and area. */
export function planCampaignFields(v: PlanFormValues) {
  return {
    title: v.title,
    mode: v.mode,
    startsAt: v.window[0].toISOString(),
    endsAt: v.window[1].toISOString(),
    area: v.area ?? [],
  };
}

/** One channel's part of the plan, with the box that keeps or leaves the channel out (when it may be left out). */
function ChannelCard({ channel, toggle, children }: { channel: Channel; toggle: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Col xs={24} lg={12} data-testid={`plan-${channel}`}>
      <Card
        size="small"
        title={t(`channel.${channel}`)}
        extra={
          toggle && (
            <Form.Item name={['use', channel]} valuePropName="checked" noStyle>
              <Checkbox>{t('new.useChannel')}</Checkbox>
            </Form.Item>
          )
        }
      >
        {children}
      </Card>
    </Col>
  );
}

/**
 * The editable fields of each channel's plan, inside the caller's antd Form (field names as in PlanFormValues).
 * The SMS counter follows the text as it is typed.
 */
export function PlanChannelFields({
  channels,
  use,
  options,
  carrierOrders = [],
  subscribers = false,
  toggle = true,
}: {
  channels: Channel[];
  use: Record<Channel, boolean> | undefined;
  options: { agency: Option[]; portal: Option[]; station: Option[] };
  carrierOrders?: Array<{ carrierCode: string; area: string; areaName?: string }>;
  /** Offer a box for subscriber numbers (a new campaign; a draft gets them by CSV upload). */
  subscribers?: boolean;
  toggle?: boolean;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance<PlanFormValues>();
  const smsText = Form.useWatch(['sms', 'text'], form) ?? '';
  const smsStrip = Form.useWatch(['sms', 'stripDiacritics'], form) ?? true;
  // With an area, a radio plan may name no station: the server gives it the area's stations.
  const area = (Form.useWatch('area', form) as string[] | undefined) ?? [];
  const off = (c: Channel) => toggle && !use?.[c];
  return (
    <>
      {channels.includes('sms') && (
        <ChannelCard channel="sms" toggle={toggle}>
          <Form.Item label={t('new.sms.text')} name={['sms', 'text']} rules={[{ required: !off('sms'), max: 1000 }]}>
            <Input.TextArea rows={4} disabled={off('sms')} data-testid="sms-text" />
          </Form.Item>
          <SmsCounter text={smsText} strip={smsStrip} />
          <Form.Item name={['sms', 'stripDiacritics']} valuePropName="checked" style={{ marginTop: 8 }}>
            <Checkbox disabled={off('sms')}>{t('new.sms.strip')}</Checkbox>
          </Form.Item>
          {carrierOrders.length ? (
            <Typography.Paragraph>
              {t('new.sms.orders')}:{' '}
              {carrierOrders.map((o) => (
                <Tag key={`${o.carrierCode}-${o.area}`}>
                  {o.carrierCode} ({o.areaName ?? o.area})
                </Tag>
              ))}
            </Typography.Paragraph>
          ) : null}
          {subscribers && (
            <Form.Item label={t('new.sms.subscribers')} name={['sms', 'subscribers']}>
              <Input.TextArea rows={3} disabled={off('sms')} placeholder="0912345678" />
            </Form.Item>
          )}
        </ChannelCard>
      )}
      {channels.includes('email') && (
        <ChannelCard channel="email" toggle={toggle}>
          <Form.Item label={t('new.email.groups')} name={['email', 'agencyGroups']}>
            <Select mode="tags" disabled={off('email')} />
          </Form.Item>
          <Form.Item label={t('new.email.agencies')} name={['email', 'agencyCodes']}>
            <Select mode="multiple" disabled={off('email')} options={options.agency} />
          </Form.Item>
          <Form.Item label={t('new.email.message')} name={['email', 'message']}>
            <Input.TextArea rows={4} disabled={off('email')} />
          </Form.Item>
        </ChannelCard>
      )}
      {channels.includes('banner') && (
        <ChannelCard channel="banner" toggle={toggle}>
          <Form.Item
            label={t('new.banner.headline')}
            name={['banner', 'headline']}
            rules={[{ required: !off('banner'), max: 120 }]}
          >
            <Input disabled={off('banner')} />
          </Form.Item>
          <Form.Item label={t('new.banner.body')} name={['banner', 'body']} rules={[{ max: 300 }]}>
            <Input.TextArea rows={3} disabled={off('banner')} />
          </Form.Item>
          <Form.Item
            label={t('new.banner.target')}
            name={['banner', 'targetUrl']}
            rules={[{ required: !off('banner'), type: 'url' }]}
          >
            <Input disabled={off('banner')} />
          </Form.Item>
          <Form.Item label={t('new.banner.portals')} name={['banner', 'portalCodes']}>
            <Select mode="multiple" disabled={off('banner')} options={options.portal} />
          </Form.Item>
          <Form.Item
            label={t('new.banner.priority')}
            name={['banner', 'priority']}
            extra={t('new.banner.priorityHelp')}
          >
            <Select
              disabled={off('banner')}
              options={([1, 2, 3, 4, 5] as const).map((n) => ({ value: n, label: t(`new.banner.priority${n}`) }))}
            />
          </Form.Item>
          <Form.Item label={t('banner.images')} name={['banner', 'images']}>
            <BannerImagesField disabled={off('banner')} />
          </Form.Item>
          <Form.Item
            label={t('banner.imageAltField')}
            name={['banner', 'imageAlt']}
            rules={[{ max: 200 }]}
            extra={t('banner.imageAltHelp')}
          >
            <Input disabled={off('banner')} />
          </Form.Item>
        </ChannelCard>
      )}
      {channels.includes('radio') && (
        <ChannelCard channel="radio" toggle={toggle}>
          <Form.Item
            label={t('new.radio.stations')}
            name={['radio', 'stationCodes']}
            rules={[{ required: !off('radio') && area.length === 0, type: 'array', min: area.length ? 0 : 1 }]}
          >
            <Select mode="multiple" disabled={off('radio')} options={options.station} />
          </Form.Item>
          <Form.Item label={t('new.radio.script')} name={['radio', 'script']} rules={[{ required: !off('radio') }]}>
            <Input.TextArea rows={5} disabled={off('radio')} />
          </Form.Item>
          <Form.Item
            label={t('new.radio.slots')}
            name={['radio', 'slots']}
            rules={[{ pattern: /^\s*(\d{2}:\d{2}\s*(,\s*\d{2}:\d{2}\s*)*)?$/, message: 'HH:MM, HH:MM' }]}
          >
            <Input disabled={off('radio')} />
          </Form.Item>
        </ChannelCard>
      )}
    </>
  );
}

/** The campaign's title, mode and window, as both the new and the edit page ask for them. */
export function CampaignBasicsFields() {
  const { t } = useI18n();
  const mode = Form.useWatch<CampaignMode | undefined>('mode');
  return (
    <Card size="small">
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Form.Item label={t('new.campaignTitle')} name="title" rules={[{ required: true, max: 300 }]}>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} lg={5}>
          <Form.Item label={t('mode.label')} name="mode" data-testid="campaign-mode">
            <Select options={CAMPAIGN_MODES.map((m) => ({ value: m, label: t(`mode.${m}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={9}>
          <Form.Item label={t('new.window')} name="window" rules={[{ required: true }]}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="DD/MM/YYYY HH:mm"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
      {mode && mode !== 'actual' && (
        <Alert type="warning" showIcon data-testid="rehearsal-note" title={t('mode.rehearsalNote')} />
      )}
    </Card>
  );
}

/** What the server refused, each message naming its field. */
export function ServerErrors({ messages }: { messages: string[] | null }) {
  const { t } = useI18n();
  if (!messages) return null;
  return (
    <Alert
      style={{ marginTop: 16 }}
      type="error"
      showIcon
      title={t('common.error')}
      data-testid="create-errors"
      description={
        <ul style={{ margin: 0 }}>
          {messages.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      }
    />
  );
}
