import { AreaField } from '../components/AreaField';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Row, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api, unwrap } from '../api/client';
import type { CampaignPlanViewDto } from '../api/schema.gen';
import {
  CHANNELS,
  CampaignBasicsFields,
  PlanChannelFields,
  type PlanFormValues,
  ServerErrors,
  planCampaignFields,
  planChannelsBody,
} from '../components/PlanFields';
import { useI18n } from '../i18n/i18n';

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/** The form's values from the stored plan: what the editor sees is what is stored. */
function valuesOf(plan: CampaignPlanViewDto): PlanFormValues {
  const { sms, email, banner, radio } = plan.channels;
  return {
    title: plan.title,
    mode: plan.mode,
    area: plan.area.map((u) => u.code),
    window: [dayjs(plan.startsAt), dayjs(plan.endsAt)],
    use: { sms: !!sms, email: !!email, banner: !!banner, radio: !!radio },
    sms: { text: text(sms?.content.text), stripDiacritics: sms?.content.stripDiacritics === true, subscribers: '' },
    email: {
      agencyGroups: strings(email?.content.agencyGroups),
      agencyCodes: strings(email?.content.agencyCodes),
      message: text(email?.content.message),
    },
    banner: {
      headline: text(banner?.content.headline),
      body: text(banner?.content.body),
      targetUrl: text(banner?.content.targetUrl),
      portalCodes: strings(banner?.content.portalCodes),
      priority: typeof banner?.content.priority === 'number' ? banner.content.priority : 1,
      images: Array.isArray(banner?.content.images) ? (banner.content.images as Array<{ imageId: string }>) : [],
      imageAlt: text(banner?.content.imageAlt),
    },
    radio: {
      stationCodes: strings(radio?.content.stationCodes),
      script: text(radio?.content.script),
      slots: strings(radio?.content.slots).join(', '),
    },
  };
}

/**
 * Editing a campaign before launch (after a rejection, say): title, window and each channel's plan. An approved
 * campaign goes back for approval, as the server rules; the subscriber list grows by CSV upload on the campaign.
 */
export function EditCampaignPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanFormValues>();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<string[] | null>(null);
  const plan = useQuery({
    queryKey: ['campaign-plan', id],
    queryFn: () => unwrap(api.GET('/api/campaigns/{id}/plan', { params: { path: { id } } })),
  });
  if (plan.error) return <Alert type="error" showIcon title={plan.error.message} />;
  if (!plan.data) return <Spin />;
  const present = CHANNELS.filter((c) => plan.data.channels[c]);
  const recipients = (c: 'email' | 'banner' | 'radio') =>
    (plan.data.channels[c]?.recipients ?? []).map((r) => ({ value: r.code, label: r.name }));
  const carrierOrders = (plan.data.channels.sms?.content.carrierOrders ?? []) as Array<{
    carrierCode: string;
    area: string;
  }>;

  const save = async (v: PlanFormValues) => {
    setBusy(true);
    setErrors(null);
    try {
      const channels = planChannelsBody(v, present);
      if (channels.sms) channels.sms.carrierOrders = carrierOrders.length ? carrierOrders : undefined;
      await unwrap(
        api.PATCH('/api/campaigns/{id}', {
          params: { path: { id } },
          body: {
            ...planCampaignFields(v),
            channels,
          },
        }),
      );
      message.success(t('admin.saved'));
      await queries.invalidateQueries({ predicate: (q) => String(q.queryKey[1]) === id });
      navigate(`/campaigns/${id}`);
    } catch (e) {
      setErrors(e instanceof ApiError ? e.messages : [String(e)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('edit.title')}
      </Typography.Title>
      {plan.data.status === 'approved' && <Alert type="warning" showIcon title={t('edit.backToApproval')} />}
      <Form<PlanFormValues>
        form={form}
        layout="vertical"
        initialValues={valuesOf(plan.data)}
        onFinish={(v) => void save(v)}
      >
        <CampaignBasicsFields />
        <Card size="small" style={{ marginTop: 16 }}>
          <AreaField initial={plan.data.area} />
        </Card>
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <PlanChannelFields
            channels={present}
            use={undefined}
            toggle={false}
            options={{ agency: recipients('email'), portal: recipients('banner'), station: recipients('radio') }}
            carrierOrders={carrierOrders}
          />
        </Row>
        <ServerErrors messages={errors} />
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={busy} data-action="save">
            {t('common.save')}
          </Button>
          <Button onClick={() => navigate(`/campaigns/${id}`)}>{t('common.back')}</Button>
        </Space>
      </Form>
    </Space>
  );
}
