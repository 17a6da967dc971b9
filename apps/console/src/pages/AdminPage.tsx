import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tabs, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api, tokenStore, unwrap } from '../api/client';
import type {
  AgencyViewDto,
  AuditEventDto,
  CarrierTermsDto,
  FailedJobDto,
  PortalViewDto,
  QueueCountsDto,
  StationImportResultDto,
  StationViewDto,
  UserViewDto,
} from '../api/schema.gen';
import { useSession } from '../auth/session';
import { formatDateTime, formatNumber } from '../components/format';
import { DirectoryCard } from '../components/DirectoryCard';
import { StationEditDialog } from '../components/StationEditDialog';
import { TestListForm } from '../components/TestListForm';
import { auditActionLabel } from '../i18n/audit-actions';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { FormDialog } from '../components/FormDialog';

const ROLES = ['editor', 'approver', 'admin'] as const;

/** 84912345678 as people write it: 0912 345 678. */
function localPhone(msisdn: string): string {
  const national = `0${msisdn.slice(2)}`;
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
}

function errorText(e: unknown): string {
  return e instanceof ApiError ? e.message : String(e);
}

/** A password an admin sets for someone: at least 12 characters, as the server requires. */
function NewPasswordField() {
  const { t } = useI18n();
  return (
    <Form.Item
      label={t('login.password')}
      name="password"
      rules={[{ required: true, min: 12 }]}
      extra={t('admin.passwordRule')}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}

/** The organisation's operators: who may draft, approve or administer; disabling ends their sessions at once. */
function UsersTab() {
  const { t, lang } = useI18n();
  const { user: me } = useSession();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserViewDto | null>(null);
  const [form] = Form.useForm<{
    email: string;
    displayName: string;
    role: UserViewDto['role'];
    password: string;
    phone?: string;
  }>();
  const [resetForm] = Form.useForm<{ password: string }>();
  const users = useQuery({ queryKey: ['admin-users'], queryFn: () => unwrap(api.GET('/api/admin/users')) });
  const run = async (call: () => Promise<unknown>) => {
    try {
      await call();
      message.success(t('admin.saved'));
      await queries.invalidateQueries({ queryKey: ['admin-users'] });
      return true;
    } catch (e) {
      message.error(errorText(e));
      return false;
    }
  };
  return (
    <>
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setCreating(true)} data-action="new-user">
        {t('admin.newUser')}
      </Button>
      <Table<UserViewDto>
        rowKey="id"
        size="small"
        loading={users.isFetching}
        dataSource={users.data ?? []}
        pagination={false}
        columns={[
          { title: t('admin.name'), dataIndex: 'displayName' },
          { title: t('login.email'), dataIndex: 'email' },
          {
            title: t('admin.phone'),
            key: 'phone',
            render: (_, u) => (
              <Typography.Text
                data-testid={`phone-${u.email}`}
                editable={{
                  text: u.phone ? localPhone(u.phone) : '',
                  tooltip: t('admin.phoneEdit'),
                  onChange: (next) =>
                    void run(() =>
                      unwrap(
                        api.PATCH('/api/admin/users/{id}', { params: { path: { id: u.id } }, body: { phone: next } }),
                      ),
                    ),
                }}
              >
                {u.phone ? localPhone(u.phone) : '—'}
              </Typography.Text>
            ),
          },
          {
            title: t('admin.role'),
            dataIndex: 'role',
            render: (role: UserViewDto['role'], u) => (
              <Select
                size="small"
                value={role}
                disabled={u.id === me?.id}
                style={{ width: 140 }}
                aria-label={`${t('admin.role')} ${u.email}`}
                options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                onChange={(next) =>
                  void run(() =>
                    unwrap(
                      api.PATCH('/api/admin/users/{id}', { params: { path: { id: u.id } }, body: { role: next } }),
                    ),
                  )
                }
              />
            ),
          },
          {
            title: t('list.col.status'),
            key: 'state',
            render: (_, u) =>
              u.disabledAt ? (
                <Tag color="red">{t('admin.disabled')}</Tag>
              ) : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? (
                <Tag color="orange">
                  {t('admin.locked')} {formatDateTime(u.lockedUntil, lang)}
                </Tag>
              ) : (
                <Tag color="green">{t('admin.active')}</Tag>
              ),
          },
          { title: t('admin.sessions'), dataIndex: 'activeSessions', align: 'right' },
          {
            title: '',
            key: 'actions',
            render: (_, u) =>
              u.id === me?.id ? null : (
                <Space>
                  <Button
                    size="small"
                    danger={!u.disabledAt}
                    onClick={() =>
                      void run(() =>
                        unwrap(
                          u.disabledAt
                            ? api.POST('/api/admin/users/{id}/enable', { params: { path: { id: u.id } } })
                            : api.POST('/api/admin/users/{id}/disable', { params: { path: { id: u.id } } }),
                        ),
                      )
                    }
                  >
                    {u.disabledAt ? t('admin.enable') : t('admin.disable')}
                  </Button>
                  <Button size="small" onClick={() => setResetting(u)}>
                    {t('admin.resetPassword')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <FormDialog open={creating} title={t('admin.newUser')} form={form} onCancel={() => setCreating(false)}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ role: 'editor' }}
          onFinish={(v) =>
            void run(() => unwrap(api.POST('/api/admin/users', { body: v }))).then((ok) => ok && setCreating(false))
          }
        >
          <Form.Item label={t('admin.name')} name="displayName" rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('login.email')} name="email" rules={[{ required: true, type: 'email' }]}>
            <Input />
          </Form.Item>
          <Form.Item label={t('admin.role')} name="role">
            <Select options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
          </Form.Item>
          <Form.Item label={t('admin.phone')} name="phone" extra={t('admin.phoneHelp')}>
            <Input placeholder="0912 345 678" />
          </Form.Item>
          <NewPasswordField />
        </Form>
      </FormDialog>
      <FormDialog
        open={resetting !== null}
        title={`${t('admin.resetPassword')}: ${resetting?.email ?? ''}`}
        form={resetForm}
        onCancel={() => setResetting(null)}
      >
        <Form
          form={resetForm}
          layout="vertical"
          onFinish={(v) =>
            void run(() =>
              unwrap(api.POST('/api/admin/users/{id}/password', { params: { path: { id: resetting!.id } }, body: v })),
            ).then((ok) => ok && setResetting(null))
          }
        >
          <NewPasswordField />
        </Form>
      </FormDialog>
    </>
  );
}

/** Radio stations, with the CSV import a department uses to load a whole province at once. */
function StationsTab() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [editing, setEditing] = useState<StationViewDto | null>(null);
  const [result, setResult] = useState<StationImportResultDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const stations = useQuery({ queryKey: ['admin-stations'], queryFn: () => unwrap(api.GET('/api/admin/stations')) });
  const upload = async (file: File) => {
    setError(null);
    setResult(null);
    const res = await fetch('/api/admin/stations/import', {
      method: 'POST',
      headers: { Authorization: `Bearer ${tokenStore.get() ?? ''}`, 'content-type': 'text/csv; charset=utf-8' },
      body: await file.text(),
    });
    const body = (await res.json()) as StationImportResultDto & { message?: string | string[] };
    if (!res.ok) setError(Array.isArray(body.message) ? body.message.join('; ') : String(body.message));
    else {
      setResult(body);
      await queries.invalidateQueries({ queryKey: ['admin-stations'] });
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('admin.stationsCsv')}</Typography.Text>
      <div data-testid="stations-import">
        <Upload
          accept=".csv,text/csv"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button>{t('admin.importStations')}</Button>
        </Upload>
      </div>
      {error && <Alert type="error" showIcon title={error} data-testid="stations-import-error" />}
      {result && (
        <Alert
          type="success"
          showIcon
          data-testid="stations-import-result"
          title={t('admin.imported', { created: result.created, updated: result.updated, unchanged: result.unchanged })}
        />
      )}
      <Table
        rowKey="id"
        size="small"
        loading={stations.isFetching}
        dataSource={stations.data ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t('admin.code'), dataIndex: 'code' },
          { title: t('admin.name'), dataIndex: 'name' },
          { title: t('admin.level'), dataIndex: 'level', render: (l: string) => t(`level.${l}` as MessageKey) },
          { title: t('admin.parent'), dataIndex: 'parentCode' },
          { title: t('admin.unit'), dataIndex: 'adminUnitCode' },
          { title: t('admin.contactEmail'), dataIndex: 'contactEmail' },
          {
            title: t('radio.field.slots'),
            dataIndex: 'broadcastSlots',
            render: (slots: Array<{ start: string; minutes: number }>) =>
              slots.map((s) => <Tag key={s.start}>{`${s.start} (${s.minutes}′)`}</Tag>),
          },
          {
            title: '',
            key: 'edit',
            render: (_, row: StationViewDto) => (
              <Button size="small" onClick={() => setEditing(row)} data-action="edit-station">
                {t('admin.edit')}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <StationEditDialog
          station={editing}
          stations={stations.data ?? []}
          onClose={() => setEditing(null)}
          onSaved={() => {
            message.success(t('admin.stationSaved', { code: editing.code }));
            setEditing(null);
            void queries.invalidateQueries({ queryKey: ['admin-stations'] });
          }}
        />
      )}
    </Space>
  );
}

function DirectoryTab() {
  const { t, lang } = useI18n();
  const agencies = useQuery({ queryKey: ['admin-agencies'], queryFn: () => unwrap(api.GET('/api/admin/agencies')) });
  const portals = useQuery({ queryKey: ['admin-portals'], queryFn: () => unwrap(api.GET('/api/admin/portals')) });
  const carriers = useQuery({
    queryKey: ['admin-carriers'],
    queryFn: () => unwrap(api.GET('/api/admin/carriers/terms')),
  });
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <DirectoryCard<AgencyViewDto>
        title={t('admin.agencies')}
        testId="agencies"
        queryKey="admin-agencies"
        rows={agencies.data ?? []}
        columns={[
          { title: t('admin.code'), dataIndex: 'code' },
          { title: t('admin.name'), dataIndex: 'name' },
          { title: t('login.email'), dataIndex: 'email' },
          { title: t('admin.group'), dataIndex: 'group', render: (g: string) => <Tag>{g}</Tag> },
        ]}
        fields={[
          {
            name: 'code',
            label: t('admin.code'),
            rules: [{ required: true }],
            createOnly: true,
            placeholder: 'so-y-te',
          },
          { name: 'name', label: t('admin.name'), rules: [{ required: true }] },
          { name: 'email', label: t('login.email'), rules: [{ required: true, type: 'email' }] },
          { name: 'group', label: t('admin.group'), rules: [{ required: true }], placeholder: 'so-ban-nganh' },
        ]}
        create={(v) => unwrap(api.POST('/api/admin/agencies', { body: v as never }))}
        update={(id, v) => unwrap(api.PATCH('/api/admin/agencies/{id}', { params: { path: { id } }, body: v }))}
        remove={(id) => unwrap(api.DELETE('/api/admin/agencies/{id}', { params: { path: { id } } }))}
      />
      <DirectoryCard<PortalViewDto>
        title={t('admin.portals')}
        testId="portals"
        queryKey="admin-portals"
        rows={portals.data ?? []}
        columns={[
          { title: t('admin.code'), dataIndex: 'code' },
          { title: t('admin.name'), dataIndex: 'name' },
          { title: 'URL', dataIndex: 'url' },
          {
            title: t('admin.embed'),
            dataIndex: 'embedUrl',
            render: (u: string) => <Typography.Text copyable>{u}</Typography.Text>,
          },
        ]}
        fields={[
          { name: 'code', label: t('admin.code'), rules: [{ required: true }], createOnly: true },
          { name: 'name', label: t('admin.name'), rules: [{ required: true }] },
          { name: 'url', label: 'URL', rules: [{ required: true, type: 'url' }], placeholder: 'https://' },
        ]}
        create={(v) => unwrap(api.POST('/api/admin/portals', { body: v as never }))}
        update={(id, v) => unwrap(api.PATCH('/api/admin/portals/{id}', { params: { path: { id } }, body: v }))}
        remove={(id) => unwrap(api.DELETE('/api/admin/portals/{id}', { params: { path: { id } } }))}
        rowActions={(row, run) => (
          <Button
            size="small"
            onClick={() =>
              void run(() =>
                unwrap(api.POST('/api/admin/portals/{id}/embed-key/rotate', { params: { path: { id: row.id } } })),
              )
            }
          >
            {t('admin.rotateEmbed')}
          </Button>
        )}
      />
      <Card size="small" title={t('admin.carriers')}>
        <Table
          rowKey="code"
          size="small"
          pagination={false}
          dataSource={carriers.data ?? []}
          data-testid="carrier-terms"
          columns={[
            { title: t('admin.name'), dataIndex: 'name' },
            {
              title: t('admin.provider'),
              key: 'provider',
              render: (_, c: CarrierTermsDto) => (
                <>
                  {c.provider}
                  {c.secondaryProvider && (
                    <Typography.Text type="secondary">
                      {' '}
                      {t('carriers.secondary', { provider: c.secondaryProvider })}
                    </Typography.Text>
                  )}
                  {c.onSecondarySince && (
                    <div>
                      <Tag color="orange" data-testid="carrier-on-secondary">
                        {t('carriers.onSecondary', { since: formatDateTime(c.onSecondarySince, lang) })}
                      </Tag>
                    </div>
                  )}
                </>
              ),
            },
            { title: t('admin.sender'), dataIndex: 'senderName' },
            {
              title: t('carriers.tps'),
              dataIndex: 'tps',
              align: 'right',
              render: (v: number | null) => v ?? t('carriers.unlimited'),
            },
            {
              title: t('carriers.binds'),
              dataIndex: 'maxBinds',
              align: 'right',
              render: (v: number | null) => v ?? '—',
            },
            { title: t('carriers.window'), dataIndex: 'window', align: 'right' },
            { title: t('carriers.parts'), dataIndex: 'maxSegments', align: 'right' },
            {
              title: t('carriers.quota'),
              key: 'quota',
              align: 'right',
              render: (_, c: CarrierTermsDto) =>
                c.dailyQuota === null
                  ? `${formatNumber(c.sentToday, lang)} / ${t('carriers.unlimited')}`
                  : `${formatNumber(c.sentToday, lang)} / ${formatNumber(c.dailyQuota, lang)}`,
            },
            {
              title: t('list.col.status'),
              dataIndex: 'enabled',
              render: (on: boolean) => (
                <Tag color={on ? 'green' : 'default'}>{on ? t('admin.active') : t('admin.disabled')}</Tag>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}

/** Keys for stations, carriers and portals: issued (shown once), listed by prefix, rotated and revoked. */
function PartnerKeysTab() {
  const { t, lang } = useI18n();
  const { message, modal } = App.useApp();
  const queries = useQueryClient();
  const [form] = Form.useForm<{ kind: 'station' | 'carrier' | 'portal'; partnerCode: string }>();
  const [shown, setShown] = useState<{ code: string; key: string } | null>(null);
  const keys = useQuery({ queryKey: ['admin-keys'], queryFn: () => unwrap(api.GET('/api/partner-keys')) });
  const refresh = () => queries.invalidateQueries({ queryKey: ['admin-keys'] });
  const issue = async (v: { kind: 'station' | 'carrier' | 'portal'; partnerCode: string }) => {
    try {
      const issued = await unwrap(api.POST('/api/partner-keys', { body: v }));
      setShown({ code: issued.partnerCode, key: issued.key });
      form.resetFields();
      await refresh();
    } catch (e) {
      message.error(errorText(e));
    }
  };
  const revoke = (id: string, code: string) =>
    modal.confirm({
      title: t('keys.revokeConfirm', { code }),
      okText: t('keys.revoke'),
      okButtonProps: { danger: true },
      cancelText: t('common.back'),
      onOk: async () => {
        try {
          await unwrap(api.DELETE('/api/partner-keys/{id}', { params: { path: { id } } }));
          await refresh();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('keys.help')}</Typography.Text>
      <Form form={form} layout="inline" initialValues={{ kind: 'station' }} onFinish={(v) => void issue(v)}>
        <Form.Item name="kind" label={t('keys.kind')}>
          <Select
            style={{ width: 160 }}
            options={(['station', 'carrier', 'portal'] as const).map((k) => ({ value: k, label: t(`keys.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="partnerCode" label={t('admin.code')} rules={[{ required: true }]}>
          <Input style={{ width: 220 }} placeholder="dtt-mytu" />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-action="issue-key">
          {t('keys.issue')}
        </Button>
      </Form>
      {shown && (
        <Alert
          type="warning"
          showIcon
          closable
          onClose={() => setShown(null)}
          data-testid="issued-key"
          title={t('keys.once', { code: shown.code })}
          description={
            <Typography.Text copyable code>
              {shown.key}
            </Typography.Text>
          }
        />
      )}
      <Table
        rowKey="id"
        size="small"
        loading={keys.isFetching}
        dataSource={keys.data ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          {
            title: t('keys.kind'),
            dataIndex: 'kind',
            render: (k: 'station' | 'carrier' | 'portal') => t(`keys.kind.${k}`),
          },
          { title: t('admin.code'), dataIndex: 'partnerCode' },
          { title: t('keys.prefix'), dataIndex: 'prefix', render: (p: string) => <code>{p}…</code> },
          { title: t('audit.when'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
          {
            title: t('list.col.status'),
            key: 'state',
            render: (_, k) =>
              k.revokedAt ? (
                <Tag>{t('keys.revoked')}</Tag>
              ) : (
                <Button size="small" danger onClick={() => revoke(k.id, k.partnerCode)}>
                  {t('keys.revoke')}
                </Button>
              ),
          },
        ]}
      />
    </Space>
  );
}

/** The organisation's whole audit trail, newest first, a page at a time. */
function AuditTab() {
  const { t, lang } = useI18n();
  const [action, setAction] = useState<string | undefined>();
  const [pages, setPages] = useState<string[]>([]);
  const before = pages[pages.length - 1];
  const audit = useQuery({
    queryKey: ['admin-audit', action, before],
    queryFn: () => unwrap(api.GET('/api/audit', { params: { query: { action, before, limit: 50 } } })),
  });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.Search
        allowClear
        placeholder={t('admin.auditFilter')}
        style={{ width: 320 }}
        onSearch={(v) => {
          setAction(v || undefined);
          setPages([]);
        }}
      />
      <Table<AuditEventDto>
        rowKey="id"
        size="small"
        loading={audit.isFetching}
        dataSource={audit.data?.events ?? []}
        pagination={false}
        columns={[
          { title: t('audit.when'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
          { title: t('audit.who'), key: 'who', render: (_, e) => e.actorName ?? `${e.actorType} ${e.actorId ?? ''}` },
          {
            title: t('audit.what'),
            dataIndex: 'action',
            render: (a: string) => <span title={a}>{auditActionLabel(a, lang)}</span>,
          },
          { title: t('admin.target'), key: 'target', render: (_, e) => `${e.targetType} ${e.targetId ?? ''}` },
        ]}
      />
      <Space>
        <Button disabled={!pages.length} onClick={() => setPages((p) => p.slice(0, -1))}>
          {t('admin.newer')}
        </Button>
        <Button disabled={!audit.data?.nextCursor} onClick={() => setPages((p) => [...p, audit.data!.nextCursor!])}>
          {t('admin.older')}
        </Button>
      </Space>
    </Space>
  );
}

/** The job queues: depths of every queue, and the organisation's failed jobs with a retry button. */
function QueuesTab() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  const overview = useQuery({
    queryKey: ['admin-queues'],
    queryFn: () => unwrap(api.GET('/api/admin/queues')),
    refetchInterval: 5_000,
  });
  // Failed jobs are read when the page opens and again only when a queue's failed count changes.
  const failedCount = (overview.data?.queues ?? []).map((q) => `${q.name}:${q.failed}`).join(',');
  const failed = useQuery({
    queryKey: ['admin-queues-failed', failedCount],
    queryFn: () => unwrap(api.GET('/api/admin/queues/failed')),
    enabled: overview.isSuccess,
    placeholderData: (previous) => previous,
  });
  const retry = async (job: FailedJobDto) => {
    setBusy(`${job.queue}/${job.id}`);
    try {
      await unwrap(
        api.POST('/api/admin/queues/{queue}/jobs/{jobId}/retry', {
          params: { path: { queue: job.queue, jobId: job.id } },
        }),
      );
      message.success(t('queues.retried'));
      await Promise.all([
        queries.invalidateQueries({ queryKey: ['admin-queues'] }),
        queries.invalidateQueries({ queryKey: ['admin-queues-failed'] }),
      ]);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const count = (n: number, warn = false) => (n > 0 && warn ? <Tag color="red">{n}</Tag> : n);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="admin-queues">
      <Typography.Paragraph type="secondary">{t('queues.explain')}</Typography.Paragraph>
      <Table<QueueCountsDto>
        rowKey="name"
        size="small"
        pagination={false}
        loading={overview.isLoading}
        dataSource={overview.data?.queues ?? []}
        columns={[
          {
            title: t('queues.queue'),
            dataIndex: 'name',
            render: (n: string, q) => (
              <Space>
                <Typography.Text code>{n}</Typography.Text>
                {q.paused && <Tag>{t('queues.paused')}</Tag>}
              </Space>
            ),
          },
          { title: t('queues.waiting'), dataIndex: 'waiting', align: 'right' },
          { title: t('queues.active'), dataIndex: 'active', align: 'right' },
          { title: t('queues.delayed'), dataIndex: 'delayed', align: 'right' },
          { title: t('queues.failed'), dataIndex: 'failed', align: 'right', render: (n: number) => count(n, true) },
          { title: t('queues.completed'), dataIndex: 'completed', align: 'right' },
        ]}
      />
      <Typography.Title level={5}>{t('queues.failedJobs')}</Typography.Title>
      <Table<FailedJobDto>
        rowKey={(j) => `${j.queue}/${j.id}`}
        size="small"
        pagination={false}
        dataSource={failed.data?.failed ?? []}
        loading={failed.isFetching && !failed.data}
        locale={{ emptyText: t('queues.noFailed') }}
        columns={[
          {
            title: t('audit.when'),
            dataIndex: 'failedAt',
            render: (v: string | null) => (v ? formatDateTime(v, lang) : '—'),
          },
          {
            title: t('queues.queue'),
            dataIndex: 'queue',
            render: (n: string) => <Typography.Text code>{n}</Typography.Text>,
          },
          { title: t('queues.campaign'), dataIndex: 'campaignTitle' },
          { title: t('queues.reason'), dataIndex: 'failedReason' },
          { title: t('queues.attempts'), dataIndex: 'attemptsMade', align: 'right' },
          {
            key: 'retry',
            render: (_, j) => (
              <Button size="small" loading={busy === `${j.queue}/${j.id}`} onClick={() => void retry(j)}>
                {t('queues.retry')}
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
}

export function AdminPage() {
  const { t } = useI18n();
  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('nav.admin')}
        </Typography.Title>
      }
    >
      <Tabs
        items={[
          { key: 'users', label: t('admin.users'), children: <UsersTab /> },
          { key: 'stations', label: t('channel.radio'), children: <StationsTab /> },
          { key: 'directory', label: t('admin.directory'), children: <DirectoryTab /> },
          { key: 'keys', label: t('keys.title'), children: <PartnerKeysTab /> },
          { key: 'test-list', label: t('testList.title'), children: <TestListForm /> },
          { key: 'audit', label: t('admin.audit'), children: <AuditTab /> },
          { key: 'queues', label: t('queues.title'), children: <QueuesTab /> },
        ]}
      />
    </Card>
  );
}
