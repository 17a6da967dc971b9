import { Alert, Card, Col, Descriptions, List, Row, Tag, Typography } from 'antd';
import type { CampaignPlanViewDto, PlanRecipientDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { AreaList } from './AreaList';
import { formatNumber } from './format';

const LEVELS = ['province', 'district', 'commune'];

function Recipients({ recipients }: { recipients: PlanRecipientDto[] }) {
  const { t } = useI18n();
  return (
    <List
      size="small"
      dataSource={recipients}
      renderItem={(r) => (
        <List.Item>
          <span>
            {r.name} {r.relaysFrom && <Tag>↳ {r.relaysFrom}</Tag>}
          </span>
          <Typography.Text type="secondary">
            {LEVELS.includes(r.detail) ? t(`level.${r.detail}` as MessageKey) : r.detail}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Exactly what will go out on each channel and to how many: the approver's reading before signing off. */
export function PlanSummary({ plan }: { plan: CampaignPlanViewDto }) {
  const { t, lang } = useI18n();
  const { sms, email, banner, radio } = plan.channels;
  return (
    <Row gutter={[16, 16]} data-testid="plan-summary">
      <Col span={24}>
        <AreaList area={plan.area} />
      </Col>
      {plan.testList && (
        <Col span={24}>
          <Alert
            type="warning"
            showIcon
            data-testid="rehearsal-summary"
            title={t('mode.summary', { mode: t(`mode.${plan.mode}`) })}
            description={
              <ul style={{ margin: 0 }}>
                {sms && <li>{t('mode.summarySms', { to: plan.testList.msisdns.join(', ') || '—' })}</li>}
                {email && <li>{t('mode.summaryEmail', { to: plan.testList.emails.join(', ') || '—' })}</li>}
                {banner && <li>{t('mode.summaryBanner')}</li>}
                {radio && <li>{t('mode.summaryRadio')}</li>}
              </ul>
            }
          />
        </Col>
      )}
      {sms && (
        <Col xs={24} lg={12}>
          <Card size="small" title={`${t('channel.sms')} — ${formatNumber(sms.subscribers, lang)} thuê bao`}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{text(sms.content.text)}</Typography.Paragraph>
            <Descriptions size="small" column={1}>
              {sms.byCarrier.map((c) => (
                <Descriptions.Item key={c.carrierCode} label={c.carrierCode}>
                  {formatNumber(c.subscribers, lang)}
                </Descriptions.Item>
              ))}
              {Array.isArray(sms.content.carrierOrders) && sms.content.carrierOrders.length > 0 && (
                <Descriptions.Item label={t('new.sms.orders')}>
                  {(sms.content.carrierOrders as Array<{ carrierCode: string; area: string; areaName?: string }>)
                    .map((o) => `${o.carrierCode} (${o.areaName ?? o.area})`)
                    .join(', ')}
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        </Col>
      )}
      {email && (
        <Col xs={24} lg={12}>
          <Card size="small" title={`${t('channel.email')} — ${email.recipients.length}`}>
            {text(email.content.message) && (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                {text(email.content.message)}
              </Typography.Paragraph>
            )}
            <Recipients recipients={email.recipients} />
          </Card>
        </Col>
      )}
      {banner && (
        <Col xs={24} lg={12}>
          <Card size="small" title={`${t('channel.banner')} — ${banner.recipients.length}`}>
            <Typography.Text strong>{text(banner.content.headline)}</Typography.Text>
            <Typography.Paragraph>{text(banner.content.body)}</Typography.Paragraph>
            <Typography.Paragraph type="secondary">{text(banner.content.targetUrl)}</Typography.Paragraph>
            <Recipients recipients={banner.recipients} />
          </Card>
        </Col>
      )}
      {radio && (
        <Col xs={24} lg={12}>
          <Card size="small" title={`${t('channel.radio')} — ${radio.recipients.length}`}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{text(radio.content.script)}</Typography.Paragraph>
            {Array.isArray(radio.content.slots) && (
              <Typography.Paragraph>
                {(radio.content.slots as string[]).map((s) => (
                  <Tag key={s}>{s}</Tag>
                ))}
              </Typography.Paragraph>
            )}
            <Recipients recipients={radio.recipients} />
          </Card>
        </Col>
      )}
    </Row>
  );
}
