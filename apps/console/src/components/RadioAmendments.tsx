import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api, unwrap } from '../api/client';
import type { CampaignPlanViewDto, RadioAmendmentDto } from '../api/schema.gen';
import { hasRole, useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { formatDateTime } from './format';
import { FormDialog } from './FormDialog';

const STATUS_COLORS: Record<string, string> = {
  pending: 'gold',
  applied: 'green',
  rejected: 'red',
  withdrawn: 'default',
  superseded: 'default',
};

interface ProposalForm {
  script: string;
  slots: string;
  priority: 'normal' | 'priority' | 'emergency';
  repeat: number;
  reason: string;
}

const asText = (v: unknown) =>
  typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : v == null ? '' : String(v);

/**
 * Changing what a campaign on air broadcasts, four eyes as for a launch: one person proposes (with a reason),
 * a different approver applies or rejects it; the proposer may withdraw it.
 */
export function RadioAmendments({ plan, onChanged }: { plan: CampaignPlanViewDto; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProposalForm>();
  const [proposing, setProposing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [declining, setDeclining] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const list = useQuery({
    queryKey: ['radio-amendments', plan.id],
    queryFn: () => unwrap(api.GET('/api/campaigns/{id}/radio/amendments', { params: { path: { id: plan.id } } })),
    refetchInterval: 5000,
  });
  const content = plan.channels.radio?.content ?? {};
  const pending = list.data?.amendments.find((a) => a.status === 'pending');
  const refresh = () => {
    void list.refetch();
    onChanged();
  };
  const act = async (call: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await call();
      message.success(done);
      refresh();
      return true;
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const propose = async (v: ProposalForm) => {
    // Only what changed is proposed; the server says so when nothing did.
    const slots = v.slots
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const body = {
      reason: v.reason,
      ...(v.script !== asText(content.script) ? { script: v.script } : {}),
      ...(v.slots !== asText(content.slots) ? { slots } : {}),
      ...(v.priority !== (content.priority ?? 'normal') ? { priority: v.priority } : {}),
      ...(v.repeat !== (content.repeat ?? 1) ? { repeat: v.repeat } : {}),
    };
    const ok = await act(
      () => unwrap(api.PATCH('/api/campaigns/{id}/radio', { params: { path: { id: plan.id } }, body })),
      t('radio.proposed'),
    );
    if (ok) setProposing(false);
  };

  const mayPropose = hasRole(user, 'editor', 'approver');
  return (
    <Card
      title={t('radio.amendments')}
      data-testid="radio-amendments"
      extra={
        mayPropose &&
        !pending && (
          <Button onClick={() => setProposing(true)} data-action="propose">
            {t('radio.propose')}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t('radio.fourEyes')}</Typography.Paragraph>
      <Table<RadioAmendmentDto>
        size="small"
        rowKey="number"
        pagination={false}
        dataSource={list.data?.amendments ?? []}
        locale={{ emptyText: t('radio.none') }}
        columns={[
          { title: '#', dataIndex: 'number', width: 48 },
          {
            title: t('list.col.status'),
            dataIndex: 'status',
            render: (s: string) => (
              <Tag color={STATUS_COLORS[s]} data-amendment-status={s}>
                {t(`amendment.${s}` as MessageKey)}
              </Tag>
            ),
          },
          {
            title: t('radio.change'),
            key: 'change',
            render: (_, a) => (
              <div>
                {a.changed.map((f) => (
                  <div key={f}>
                    <Typography.Text strong>{t(`radio.field.${f}` as MessageKey)}</Typography.Text>:{' '}
                    {asText(a.patch[f])}
                  </div>
                ))}
              </div>
            ),
          },
          { title: t('radio.reason'), dataIndex: 'reason' },
          {
            title: t('radio.proposedBy'),
            key: 'by',
            render: (_, a) => (
              <span>
                {a.proposedByName ?? a.proposedBy}
                <br />
                <Typography.Text type="secondary">{formatDateTime(a.proposedAt, lang)}</Typography.Text>
                {a.decidedByName && (
                  <>
                    <br />
                    {t(`amendment.${a.status}` as MessageKey)}: {a.decidedByName}
                    {a.decisionNote ? ` — ${a.decisionNote}` : ''}
                  </>
                )}
              </span>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_, a) => {
              if (a.status !== 'pending') return null;
              const own = a.proposedBy === user?.id;
              return (
                <Space direction="vertical">
                  {hasRole(user, 'approver') && !own && (
                    <Button
                      type="primary"
                      size="small"
                      loading={busy}
                      data-action="approve-amendment"
                      onClick={() =>
                        void act(
                          () =>
                            unwrap(
                              api.POST('/api/campaigns/{id}/radio/amendments/{number}/approve', {
                                params: { path: { id: plan.id, number: a.number } },
                              }),
                            ),
                          t('radio.applied'),
                        )
                      }
                    >
                      {t('action.approve')}
                    </Button>
                  )}
                  {((hasRole(user, 'approver') && !own) || own) && (
                    <Button size="small" danger onClick={() => setDeclining(a.number)} data-action="decline-amendment">
                      {own ? t('radio.withdraw') : t('action.reject')}
                    </Button>
                  )}
                  {own && hasRole(user, 'approver') && (
                    <Typography.Text type="secondary">{t('radio.ownAmendment')}</Typography.Text>
                  )}
                </Space>
              );
            },
          },
        ]}
      />
      <FormDialog
        open={proposing}
        title={t('radio.propose')}
        form={form}
        busy={busy}
        okText={t('radio.send')}
        width={720}
        onCancel={() => setProposing(false)}
      >
        <Form<ProposalForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void propose(v)}
          initialValues={{
            script: asText(content.script),
            slots: asText(content.slots),
            priority: (content.priority as ProposalForm['priority']) ?? 'normal',
            repeat: (content.repeat as number) ?? 1,
            reason: '',
          }}
        >
          <Form.Item label={t('radio.field.script')} name="script" rules={[{ required: true }]}>
            <Input.TextArea rows={5} />
          </Form.Item>
          <Space wrap>
            <Form.Item label={t('radio.field.slots')} name="slots">
              <Input style={{ width: 220 }} />
            </Form.Item>
            <Form.Item label={t('radio.field.priority')} name="priority">
              <Select
                style={{ width: 180 }}
                options={['normal', 'priority', 'emergency'].map((p) => ({
                  value: p,
                  label: t(`priority.${p}` as MessageKey),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('radio.field.repeat')} name="repeat">
              <InputNumber min={1} max={10} />
            </Form.Item>
          </Space>
          <Form.Item label={t('radio.reason')} name="reason" rules={[{ required: true, min: 3 }]}>
            <Input.TextArea rows={2} aria-label={t('radio.reason')} />
          </Form.Item>
        </Form>
        {pending && <Alert type="warning" title={t('radio.pendingExists')} />}
      </FormDialog>
      <Modal
        open={declining !== null}
        title={t('action.reject')}
        okText={t('common.save')}
        cancelText={t('common.back')}
        confirmLoading={busy}
        onCancel={() => setDeclining(null)}
        onOk={() => {
          const number = declining!;
          void act(
            () =>
              unwrap(
                api.POST('/api/campaigns/{id}/radio/amendments/{number}/decline', {
                  params: { path: { id: plan.id, number } },
                  body: note ? { note } : {},
                }),
              ),
            t('radio.declined'),
          ).then(() => setDeclining(null));
        }}
      >
        <Input.TextArea rows={3} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('radio.note')} />
      </Modal>
    </Card>
  );
}
