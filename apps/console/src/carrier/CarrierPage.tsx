import { useQuery } from '@tanstack/react-query';
import { Button, Card, Checkbox, Descriptions, Empty, Form, InputNumber, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, unwrap } from '../api/client';
import type { PartnerCarrierOrderDto } from '../api/schema.gen';
import { formatDateTime, formatNumber } from '../components/format';
import { useI18n } from '../i18n/i18n';
import { PartnerGate } from '../partner/PartnerGate';
import type { PartnerCredentials } from '../partner/partner-session';
import { usePartnerAction } from '../partner/use-partner-action';
import { signedHeaders } from './sign-request';
import { FormDialog } from '../components/FormDialog';

const STATUS_COLOR: Record<PartnerCarrierOrderDto['status'], string> = {
  open: 'gold',
  acknowledged: 'blue',
  completed: 'green',
  cancelled: 'red',
};

function listCall(c: PartnerCredentials) {
  return api.GET('/partners/carriers/{code}/orders', {
    params: { path: { code: c.code }, header: { 'X-Carrier-Key': c.key } },
  });
}

/**
 * The carrier partner's page (its own key): the orders it is asked to send to its subscribers, each acknowledged
 * and then reported on with running counts; every change is a signed request, as the partner API wants.
 */
export function CarrierPage() {
  return (
    <PartnerGate kind="carrier" verify={(c) => unwrap(listCall(c))}>
      {(credentials, signOut) => <CarrierOrders credentials={credentials} onSignOut={signOut} />}
    </PartnerGate>
  );
}

function CarrierOrders({ credentials, onSignOut }: { credentials: PartnerCredentials; onSignOut(): void }) {
  const { t } = useI18n();
  const list = useQuery({
    queryKey: ['carrier-orders', credentials.code],
    queryFn: () => unwrap(listCall(credentials)),
    refetchInterval: 30_000,
  });
  if (list.error instanceof ApiError && [401, 404].includes(list.error.status)) {
    onSignOut();
    return null;
  }
  if (!list.data) return <Spin fullscreen tip={t('common.loading')} />;
  return (
    <main style={{ maxWidth: 960, margin: '0 auto', padding: 16 }} data-testid="carrier-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('carrier.title', { carrier: list.data.carrier })}
        </Typography.Title>
        <Button onClick={onSignOut}>{t('nav.logout')}</Button>
      </Space>
      {list.data.orders.length === 0 && <Empty description={t('carrier.none')} />}
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {list.data.orders.map((o) => (
          <OrderCard key={o.id} order={o} credentials={credentials} />
        ))}
      </Space>
    </main>
  );
}

function OrderCard({ order: o, credentials }: { order: PartnerCarrierOrderDto; credentials: PartnerCredentials }) {
  const { t, lang } = useI18n();
  const [reporting, setReporting] = useState(false);
  const path = { code: credentials.code, id: o.id };
  const { busy, run } = usePartnerAction(['carrier-orders', credentials.code]);
  /** A signed POST: the exact bytes sent are the bytes signed. */
  const post = (call: (raw: string, headers: Record<string, string>) => Promise<unknown>, body: unknown) => {
    const raw = body === undefined ? '' : JSON.stringify(body);
    return run(() => call(raw, { 'X-Carrier-Key': credentials.key, ...signedHeaders(credentials.key, raw) }));
  };
  const acknowledge = () =>
    post(
      (raw, headers) =>
        unwrap(
          api.POST('/partners/carriers/{code}/orders/{id}/ack', {
            params: { path, header: headers as never },
            body: raw as never,
            bodySerializer: () => raw,
          }),
        ),
      undefined,
    );
  const report = (v: { submitted: number; delivered: number; failed: number; final: boolean }) =>
    post(
      (raw, headers) =>
        unwrap(
          api.POST('/partners/carriers/{code}/orders/{id}/report', {
            params: { path, header: headers as never },
            body: JSON.parse(raw) as never,
            bodySerializer: () => raw,
            headers: { 'content-type': 'application/json' },
          }),
        ),
      { ...v, reportedAt: new Date().toISOString() },
    ).then((ok) => ok && setReporting(false));
  const open = o.status === 'open' || o.status === 'acknowledged';
  return (
    <Card
      size="small"
      data-testid={`order-${o.area}`}
      title={
        <Space wrap>
          <Typography.Text strong>{o.areaName}</Typography.Text>
          <Typography.Text type="secondary">{o.area}</Typography.Text>
          <Tag color={STATUS_COLOR[o.status]} data-order-status={o.status}>
            {t(`carrier.status.${o.status}`)}
          </Tag>
        </Space>
      }
      extra={
        open && (
          <Space>
            {o.status === 'open' && (
              <Button type="primary" loading={busy} onClick={() => void acknowledge()} data-action="ack">
                {t('carrier.ack')}
              </Button>
            )}
            <Button disabled={busy} onClick={() => setReporting(true)} data-action="report">
              {t('carrier.report')}
            </Button>
          </Space>
        )
      }
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 15 }} copyable>
        {o.text}
      </Typography.Paragraph>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('carrier.sender')}>{o.senderName}</Descriptions.Item>
        <Descriptions.Item label={t('carrier.window')}>
          {formatDateTime(o.window.start, lang)} – {formatDateTime(o.window.end, lang)}
        </Descriptions.Item>
        {o.legalBasis && <Descriptions.Item label={t('carrier.legalBasis')}>{o.legalBasis}</Descriptions.Item>}
        <Descriptions.Item label={t('carrier.counts')}>
          <span data-testid="order-counts">
            {t('carrier.countsValue', {
              submitted: formatNumber(o.counts.submitted, lang),
              delivered: formatNumber(o.counts.delivered, lang),
              failed: formatNumber(o.counts.failed, lang),
            })}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <ReportDialog
        open={reporting}
        busy={busy}
        counts={o.counts}
        onCancel={() => setReporting(false)}
        onSubmit={report}
      />
    </Card>
  );
}

function ReportDialog(props: {
  open: boolean;
  busy: boolean;
  counts: PartnerCarrierOrderDto['counts'];
  onCancel(): void;
  onSubmit(v: { submitted: number; delivered: number; failed: number; final: boolean }): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ submitted: number; delivered: number; failed: number; final: boolean }>();
  return (
    <FormDialog open={props.open} title={t('carrier.report')} form={form} busy={props.busy} onCancel={props.onCancel}>
      <Typography.Paragraph type="secondary">{t('carrier.reportHelp')}</Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ ...props.counts, final: false }}
        onFinish={(v) => props.onSubmit(v)}
      >
        {(['submitted', 'delivered', 'failed'] as const).map((k) => (
          <Form.Item key={k} label={t(`carrier.${k}`)} name={k} rules={[{ required: true }]}>
            <InputNumber min={props.counts[k]} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ))}
        <Form.Item name="final" valuePropName="checked">
          <Checkbox>{t('carrier.final')}</Checkbox>
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
