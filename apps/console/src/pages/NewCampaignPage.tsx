import { AreaField } from '../components/AreaField';
import { AreaList } from '../components/AreaList';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  List,
  Row,
  Space,
  Steps,
  Tag,
  Typography,
  Upload,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, api, unwrap } from '../api/client';
import type { DirectiveView } from '../api/directive-view';
import type { DirectiveCampaignDto } from '../api/schema.gen';
import {
  CHANNELS,
  CampaignBasicsFields,
  PlanChannelFields,
  type PlanFormValues,
  ServerErrors,
  planCampaignFields,
  planChannelsBody,
} from '../components/PlanFields';
import { formatLetterDate } from '../components/format';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/** What the letter upload offers to pick: text, Word (DOCX) and PDF with a text layer; the server decides by content. */
const LETTER_FILE_TYPES =
  '.txt,.docx,.pdf,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Step 1: the letter, pasted or uploaded; Loa keeps it and reads it. */
function LetterStep({ onRead }: { onRead(d: DirectiveView, text: string): void }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const read = async (body: { text: string } | FormData) => {
    setBusy(true);
    setError(null);
    try {
      const created = await unwrap<DirectiveView>(
        api.POST('/api/directives', {
          body: body as { text: string },
          bodySerializer: body instanceof FormData ? () => body : undefined,
        }) as Promise<{ data?: DirectiveView; error?: unknown; response: Response }>,
      );
      // Shown beside the fields: the text as Loa read it (from a file, what was found in it).
      onRead(created, created.text ?? (body instanceof FormData ? '' : body.text));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <Typography.Title level={5}>{t('new.paste')}</Typography.Title>
      <Input.TextArea
        rows={16}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="letter-text"
        aria-label={t('new.paste')}
        style={{ fontFamily: 'Liberation Mono, monospace' }}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <Button type="primary" loading={busy} disabled={text.trim().length < 20} onClick={() => void read({ text })}>
          {t('new.read')}
        </Button>
        <Upload
          accept={LETTER_FILE_TYPES}
          showUploadList={false}
          beforeUpload={(file) => {
            const form = new FormData();
            form.append('file', file);
            void read(form);
            return false;
          }}
        >
          <Button>{t('new.upload')}</Button>
        </Upload>
      </Space>
      {error && <Alert style={{ marginTop: 12 }} type="error" showIcon title={error} />}
    </Card>
  );
}

function Field({ value }: { value: string | null | undefined }) {
  const { t } = useI18n();
  return value ? <span>{value}</span> : <Tag color="warning">{t('common.notFound')}</Tag>;
}

/**
 * A field Loa read, which the editor may correct in place (the letter's text stays as received): `edit` is what the
 * box starts from, `save` sends the correction. What was not found is marked, and can be filled in.
 */
function CorrectableField(props: {
  name: string;
  value: string | null | undefined;
  edit?: string;
  save(next: string): Promise<void>;
}) {
  const { t } = useI18n();
  return (
    <Typography.Text
      data-field={props.name}
      editable={{
        text: props.edit ?? props.value ?? '',
        tooltip: t('new.correct'),
        onChange: (next) => void props.save(next),
      }}
    >
      {props.value ? props.value : <Tag color="warning">{t('common.notFound')}</Tag>}
    </Typography.Text>
  );
}

/** What Loa read, beside the letter itself; what it could not find is marked, never invented. */
function ParsedLetter({
  directive,
  text,
  onCorrected,
}: {
  directive: DirectiveView;
  text: string;
  onCorrected(d: DirectiveView): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const f = directive.fields;
  const correct = async (body: Record<string, unknown>) => {
    try {
      const next = await unwrap<DirectiveView>(
        api.PATCH('/api/directives/{id}', { params: { path: { id: directive.id } }, body }) as never,
      );
      message.success(t('new.corrected'));
      onCorrected(next);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const isoDate = typeof f.date === 'string' ? f.date : '';
  const code = f.documentCode ? `${f.documentCode.number ?? '…'}/${f.documentCode.symbol}` : null;
  const placeDate = [f.place, formatLetterDate(f.date)].filter(Boolean).join(', ');
  return (
    <Row gutter={16}>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={t('new.original')}
          extra={
            directive.original ? (
              <span>
                {directive.original.readBy === 'ocr' && (
                  <Tag color="warning" data-testid="read-by-ocr" title={t('new.ocrCheck')}>
                    {t('new.ocr')}
                  </Tag>
                )}
                <Tag data-testid="original-file">
                  {directive.original.fileName ?? directive.original.mediaType} ·{' '}
                  {Math.max(1, Math.round(directive.original.size / 1024))} KB
                </Tag>
              </span>
            ) : undefined
          }
        >
          {/* Focusable, so that a keyboard can scroll a long letter. */}
          <pre
            tabIndex={0}
            aria-label={t('new.original')}
            data-testid="original-letter"
            style={{ whiteSpace: 'pre-wrap', maxHeight: 480, overflow: 'auto', margin: 0 }}
          >
            {text}
          </pre>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('new.parsed')}>
          <Descriptions column={1} size="small" bordered data-testid="parsed-fields">
            <Descriptions.Item label={t('new.field.parentAuthority')}>
              <Field value={f.parentAuthority} />
            </Descriptions.Item>
            <Descriptions.Item label={t('new.field.issuer')}>
              <CorrectableField name="issuer" value={f.issuer} save={(v) => correct({ issuer: v })} />
            </Descriptions.Item>
            <Descriptions.Item label={t('new.field.documentCode')}>
              <CorrectableField name="documentCode" value={code} save={(v) => correct({ documentCode: v })} />
            </Descriptions.Item>
            <Descriptions.Item label={t('new.field.documentType')}>
              <Field value={f.documentType} />
            </Descriptions.Item>
            <Descriptions.Item label={t('new.field.placeDate')}>
              <CorrectableField
                name="date"
                value={placeDate || null}
                edit={isoDate}
                save={(v) => correct({ date: v })}
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('new.field.subject')}>
              <CorrectableField name="subject" value={f.subject} save={(v) => correct({ subject: v })} />
            </Descriptions.Item>
            <Descriptions.Item label={t('new.field.addressees')}>
              {f.addressees && (
                <ul style={{ margin: 0, paddingLeft: 16 }}>
                  {f.addressees.map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                </ul>
              )}
              <CorrectableField
                name="addressees"
                value={f.addressees ? t('new.addresseesEdit') : null}
                edit={(f.addressees ?? []).join('; ')}
                save={(v) => correct({ addressees: v.split(';') })}
              />
            </Descriptions.Item>
            <Descriptions.Item label={t('new.field.signer')}>
              <CorrectableField name="signerName" value={f.signer?.name} save={(v) => correct({ signerName: v })} />
              {f.signer?.title && <Typography.Text type="secondary"> — {f.signer.title}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('new.field.links')}>
              <Field value={f.links?.join(', ')} />
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
    </Row>
  );
}

/** Step 2: the proposal with its reasons, and every part of the plan editable before the draft is made. */
function PlanStep({
  directive,
  text,
  onCorrected,
}: {
  directive: DirectiveView;
  text: string;
  onCorrected(d: DirectiveView): void;
}) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string[] | null>(null);
  const plan = directive.plan;
  const proposed = plan.channels;
  const targets = (kind: string) =>
    plan.directory.matches
      .flatMap((m) => m.targets)
      .filter((x) => x.kind === kind)
      .filter((x, i, all) => all.findIndex((y) => y.code === x.code) === i)
      .map((x) => ({ value: x.code, label: x.name }));
  const use = Form.useWatch('use', form);

  const initial: PlanFormValues = {
    title: plan.title,
    mode: 'actual',
    area: plan.area.proposed.map((u) => u.code),
    window: [dayjs(), dayjs().add(14, 'day')],
    use: { sms: !!proposed.sms, email: !!proposed.email, banner: !!proposed.banner, radio: !!proposed.radio },
    sms: {
      text: proposed.sms?.text ?? plan.drafts.sms.text,
      stripDiacritics: proposed.sms?.stripDiacritics ?? true,
      subscribers: '',
    },
    email: {
      agencyGroups: proposed.email?.agencyGroups ?? [],
      agencyCodes: proposed.email?.agencyCodes ?? [],
      message: proposed.email?.message ?? plan.drafts.email.message,
    },
    banner: {
      headline: proposed.banner?.headline ?? plan.drafts.banner.headline,
      body: proposed.banner?.body ?? plan.drafts.banner.body,
      targetUrl: proposed.banner?.targetUrl ?? plan.drafts.banner.targetUrl ?? '',
      portalCodes: proposed.banner?.portalCodes ?? [],
      priority: 1,
      images: [],
      imageAlt: '',
    },
    radio: {
      stationCodes: proposed.radio?.stationCodes ?? [],
      script: proposed.radio?.script ?? plan.drafts.radio.script,
      slots: (proposed.radio?.slots ?? plan.drafts.radio.slots).join(', '),
    },
  };

  const create = async (v: PlanFormValues) => {
    setBusy(true);
    setError(null);
    const chosen = planChannelsBody(
      v,
      CHANNELS.filter((c) => v.use[c]),
    );
    // A channel left out is sent as null: the proposal's plan for it is dropped.
    const channels = Object.fromEntries(CHANNELS.map((c) => [c, chosen[c] ?? null])) as NonNullable<
      DirectiveCampaignDto['channels']
    >;
    try {
      const campaign = await unwrap(
        api.POST('/api/directives/{id}/campaign', {
          params: { path: { id: directive.id } },
          body: {
            ...planCampaignFields(v),
            channels,
          },
        }),
      );
      message.success(t('new.created'));
      navigate(`/campaigns/${(campaign as unknown as { id: string }).id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.messages : [String(e)]);
    } finally {
      setBusy(false);
    }
  };

  const reason = (r: { vi: string; en: string }) => (lang === 'en' ? r.en : r.vi);

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ParsedLetter directive={directive} text={text} onCorrected={onCorrected} />
      <Card size="small" title={t('new.plan')}>
        <AreaList area={plan.area.proposed} mentioned={plan.area.mentioned} />
        <List
          size="small"
          data-testid="plan-entries"
          dataSource={plan.entries as Array<(typeof plan.entries)[number]>}
          renderItem={(e) => (
            <List.Item>
              <Space>
                <Tag>{t(`channel.${e.channel}` as MessageKey)}</Tag>
                <Typography.Text strong>{e.addressee}</Typography.Text>
                <Typography.Text type="secondary">{reason(e.reason)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
        {plan.directory.unmatched.length > 0 && (
          <Alert
            style={{ marginTop: 12 }}
            type="warning"
            showIcon
            data-testid="unmatched"
            title={t('new.unmatched')}
            description={
              <ul style={{ margin: 0 }}>
                {plan.directory.unmatched.map((u) => (
                  <li key={`${u.channel}-${u.addressee}`}>
                    <strong>{u.addressee}</strong> — {reason(u.reason)}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {plan.notes.map((n) => (
          <Alert key={n.code} style={{ marginTop: 8 }} type="info" showIcon title={reason(n)} />
        ))}
      </Card>
      <Form<PlanFormValues> form={form} layout="vertical" initialValues={initial} onFinish={(v) => void create(v)}>
        <CampaignBasicsFields />
        <Card size="small" style={{ marginTop: 16 }}>
          <AreaField initial={plan.area.proposed} />
        </Card>
        <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
          <PlanChannelFields
            channels={CHANNELS}
            use={use}
            options={{ agency: targets('agency'), portal: targets('portal'), station: targets('station') }}
            carrierOrders={proposed.sms?.carrierOrders ?? []}
            subscribers
          />
        </Row>
        <ServerErrors messages={error} />
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 16 }} data-action="create">
          {t('new.create')}
        </Button>
      </Form>
    </Space>
  );
}

export function NewCampaignPage() {
  const { t } = useI18n();
  const [read, setRead] = useState<{ directive: DirectiveView; text: string; version: number } | null>(null);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('new.title')}
      </Typography.Title>
      <Steps current={read ? 1 : 0} items={[{ title: t('new.step.letter') }, { title: t('new.step.review') }]} />
      {read ? (
        // A correction proposes the plan again (the title follows the subject, the addressees the plan).
        <PlanStep
          key={read.version}
          directive={read.directive}
          text={read.text}
          onCorrected={(directive) => setRead({ ...read, directive, version: read.version + 1 })}
        />
      ) : (
        <LetterStep onRead={(directive, text) => setRead({ directive, text, version: 0 })} />
      )}
    </Space>
  );
}
