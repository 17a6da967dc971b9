import { App, Alert, Button, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client';
import type { CampaignPlanViewDto, CampaignReportDto } from '../api/schema.gen';
import { hasRole, useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { formatDateTime } from './format';

type Action = 'submit' | 'approve' | 'launch' | 'pause' | 'resume' | 'cancel';

/** The buttons an operator may press on this campaign now, by role and status, as the server's rules allow. */
export function CampaignActions({ plan, onChanged }: { plan: CampaignPlanViewDto; onChanged(): void }) {
  const { user } = useSession();
  const navigate = useNavigate();
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const id = plan.id;
  const status = plan.status;
  const own = user?.id === plan.createdBy;
  // A window that starts later makes a launch a scheduled one: nothing goes out before it (every channel holds it).
  const later = new Date(plan.startsAt).getTime() > Date.now();
  const startsAt = formatDateTime(plan.startsAt, lang);

  const run = async (action: Action | 'reject') => {
    setBusy(action);
    try {
      const path = `/api/campaigns/{id}/${action}` as const;
      if (action === 'reject') {
        await unwrap(api.POST('/api/campaigns/{id}/reject', { params: { path: { id } }, body: { reason } }));
      } else {
        await unwrap<CampaignReportDto>(api.POST(path as '/api/campaigns/{id}/submit', { params: { path: { id } } }));
      }
      message.success(t('action.done', { action: t(`action.${action}` as MessageKey) }));
      onChanged();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const confirmCancel = () =>
    modal.confirm({
      title: t('cancel.confirmTitle', { title: plan.title }),
      okText: t('action.cancel'),
      okButtonProps: { danger: true },
      cancelText: t('common.back'),
      content: (
        <ul data-testid="cancel-effects">
          {(['sms', 'email', 'banner', 'radio'] as const)
            .filter((c) => plan.channels[c])
            .map((c) => (
              <li key={c}>{t(`cancel.effect.${c}`)}</li>
            ))}
          <li>
            <strong>{t('cancel.irreversible')}</strong>
          </li>
        </ul>
      ),
      onOk: () => run('cancel'),
    });

  const confirmPause = () =>
    modal.confirm({
      title: t('pause.confirmTitle'),
      content: t('pause.effect'),
      okText: t('action.pause'),
      cancelText: t('common.back'),
      onOk: () => run('pause'),
    });

  const editor = hasRole(user, 'editor');
  const approver = hasRole(user, 'approver');
  const operatorOfRun = hasRole(user, 'editor', 'approver');
  const button = (action: Action, primary = false, onClick?: () => void) => (
    <Button
      key={action}
      type={primary ? 'primary' : 'default'}
      danger={action === 'cancel'}
      loading={busy === action}
      onClick={onClick ?? (() => void run(action))}
      data-action={action}
    >
      {action === 'launch' && later ? t('action.launchAt', { at: startsAt }) : t(`action.${action}`)}
    </Button>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {status === 'pending_approval' && approver && own && (
        <Alert type="info" showIcon title={t('approve.own')} data-testid="own-campaign" />
      )}
      {later && ['running', 'paused'].includes(status) && (
        <Alert type="info" showIcon title={t('launch.scheduled', { at: startsAt })} data-testid="scheduled" />
      )}
      {plan.rejectionReason && status === 'draft' && (
        <Alert type="warning" showIcon title={`${t('action.reject')}: ${plan.rejectionReason}`} />
      )}
      <Space wrap>
        {status === 'draft' && editor && button('submit', true)}
        {['draft', 'pending_approval', 'approved'].includes(status) && editor && (
          <Button onClick={() => navigate(`/campaigns/${id}/edit`)} data-action="edit">
            {t('action.edit')}
          </Button>
        )}
        {status === 'pending_approval' && approver && !own && button('approve', true)}
        {status === 'pending_approval' && approver && !own && (
          <Button danger onClick={() => setRejecting(true)} data-action="reject">
            {t('action.reject')}
          </Button>
        )}
        {status === 'approved' && operatorOfRun && button('launch', true)}
        {status === 'running' && operatorOfRun && button('pause', false, confirmPause)}
        {status === 'paused' && operatorOfRun && button('resume', true)}
        {['draft', 'pending_approval', 'approved', 'running', 'paused'].includes(status) &&
          operatorOfRun &&
          button('cancel', false, confirmCancel)}
      </Space>
      <Modal
        open={rejecting}
        title={t('action.reject')}
        okText={t('action.reject')}
        cancelText={t('common.back')}
        okButtonProps={{ danger: true, disabled: reason.trim().length === 0, loading: busy === 'reject' }}
        onCancel={() => setRejecting(false)}
        onOk={() => void run('reject').then(() => setRejecting(false))}
      >
        <p>{t('reject.required')}</p>
        <Input.TextArea
          rows={4}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t('reject.reason')}
          aria-label={t('reject.reason')}
        />
      </Modal>
    </Space>
  );
}
