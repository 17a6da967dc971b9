import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api, unwrap } from '../api/client';
import type { StationSlotLogDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';
import { type Airing, airingsFrom, localDate, logOf } from './schedule';
import { PartnerGate } from '../partner/PartnerGate';
import { usePartnerAction } from '../partner/use-partner-action';
import type { PartnerCredentials as StationCredentials } from '../partner/partner-session';
import { FormDialog } from '../components/FormDialog';

/** Days of the schedule shown after today. */
const UPCOMING_DAYS = 3;

/**
 * The radio station's page, made for a phone: it signs in with its station code and key, sees today's and the next
 * days' scripts in broadcast order with the text to read and the audio, and says of each slot that it aired it (đã
 * phát) or could not, and why.
 */
export function StationPage() {
  return (
    <PartnerGate kind="station" verify={(c) => unwrap(feedCall(c))}>
      {(credentials, signOut) => <StationSchedule credentials={credentials} onSignOut={signOut} />}
    </PartnerGate>
  );
}

function feedCall(c: StationCredentials) {
  return api.GET('/stations/{code}/feed.json', {
    params: { path: { code: c.code }, header: { 'X-Station-Key': c.key } },
  });
}

function StationSchedule({ credentials, onSignOut }: { credentials: StationCredentials; onSignOut(): void }) {
  const { t } = useI18n();
  const feed = useQuery({
    queryKey: ['station-feed', credentials.code],
    queryFn: () => unwrap(feedCall(credentials)),
    refetchInterval: 60_000,
  });
  const log = useQuery({
    queryKey: ['station-log', credentials.code],
    queryFn: () =>
      unwrap(
        api.GET('/stations/{code}/broadcasts', {
          params: { path: { code: credentials.code }, header: { 'X-Station-Key': credentials.key } },
        }),
      ),
  });
  if (feed.error instanceof ApiError && (feed.error.status === 401 || feed.error.status === 403)) {
    onSignOut();
    return null;
  }
  if (!feed.data) return <Spin fullscreen tip={t('common.loading')} />;
  const tz = feed.data.station.timeZone;
  const today = localDate(new Date(), tz);
  const airings = airingsFrom(feed.data.scripts, today, UPCOMING_DAYS + 1);
  const todays = airings.filter((a) => a.date === today);
  const later = airings.filter((a) => a.date !== today);
  /** Today's slots are reported on; later ones are only read ahead. */
  const cards = (list: Airing[], canReport: boolean) => (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {list.map((a) => (
        <AiringCard
          key={`${a.script.scriptId}-${a.date}-${a.slot}`}
          airing={a}
          credentials={credentials}
          logged={logOf(log.data ?? [], a)}
          timeZone={tz}
          canReport={canReport}
        />
      ))}
    </Space>
  );
  return (
    <main style={{ maxWidth: 640, margin: '0 auto', padding: 12 }} data-testid="station-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {feed.data.station.name}
        </Typography.Title>
        <Button onClick={onSignOut}>{t('nav.logout')}</Button>
      </Space>
      <Typography.Title level={4}>{t('station.today')}</Typography.Title>
      {todays.length === 0 && <Empty description={t('station.nothingToday')} />}
      {cards(todays, true)}
      {later.length > 0 && (
        <>
          <Typography.Title level={4} style={{ marginTop: 24 }}>
            {t('station.upcoming')}
          </Typography.Title>
          {cards(later, false)}
        </>
      )}
    </main>
  );
}

function dmy(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** One slot: when, what, the text and audio, and what the station says of it. */
function AiringCard({
  airing,
  credentials,
  logged,
  timeZone,
  canReport,
}: {
  airing: Airing;
  credentials: StationCredentials;
  logged: StationSlotLogDto | undefined;
  /** The station's: times are shown as its clock shows them. */
  timeZone: string;
  canReport: boolean;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const { script: s, slot, date } = airing;
  const paused = s.status === 'paused';
  const path = { code: credentials.code, scriptId: s.scriptId };
  const header = { 'X-Station-Key': credentials.key };
  const { busy, run: report } = usePartnerAction(['station-log', credentials.code]);
  const aired = () =>
    report(() =>
      unwrap(
        api.POST('/stations/{code}/scripts/{scriptId}/confirmations', {
          params: { path, header },
          body: { slot, date, airedAt: new Date().toISOString() },
        }),
      ),
    );
  const notAired = (reason: string) =>
    report(() =>
      unwrap(
        api.POST('/stations/{code}/scripts/{scriptId}/not-aired', {
          params: { path, header },
          body: { slot, date, reason },
        }),
      ),
    ).then((ok) => ok && setAsking(false));
  return (
    <Card
      size="small"
      data-testid={`airing-${date}-${slot}`}
      title={
        <Space wrap>
          <Typography.Text strong style={{ fontSize: 20 }}>
            {slot}
          </Typography.Text>
          <Typography.Text type="secondary">{dmy(date)}</Typography.Text>
          {s.priority !== 'normal' && <Tag color="red">{t(`station.priority.${s.priority}`)}</Tag>}
          {s.relayed && <Tag>{t('station.relayed', { from: s.relayedFromName ?? '' })}</Tag>}
        </Space>
      }
    >
      {s.doNotAir && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('station.doNotAir')}
          data-testid="do-not-air"
        />
      )}
      {paused && <Alert type="info" showIcon style={{ marginBottom: 8 }} title={t('station.paused')} />}
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {s.title}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('station.readings', { n: s.repeat, minutes: Math.max(1, Math.round(s.estimatedSeconds / 60)) })}
      </Typography.Paragraph>
      {s.audio && <StationAudio url={s.audio.url} stationKey={credentials.key} />}
      <details>
        <summary>{t('station.text')}</summary>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16, marginTop: 8 }}>
          {s.text}
        </Typography.Paragraph>
      </details>
      <div style={{ marginTop: 12 }}>
        {logged ? (
          <LoggedTag entry={logged} timeZone={timeZone} />
        ) : canReport && !paused ? (
          <Space wrap>
            <Button type="primary" size="large" loading={busy} onClick={() => void aired()} data-action="aired">
              {t('station.aired')}
            </Button>
            <Button size="large" disabled={busy} onClick={() => setAsking(true)} data-action="not-aired">
              {t('station.notAired')}
            </Button>
          </Space>
        ) : null}
      </div>
      <NotAiredDialog open={asking} busy={busy} onCancel={() => setAsking(false)} onSubmit={notAired} />
    </Card>
  );
}

function LoggedTag({ entry, timeZone }: { entry: StationSlotLogDto; timeZone: string }) {
  const { t } = useI18n();
  const time = new Date(entry.at).toLocaleTimeString('vi-VN', { hour: '2-digit', minute: '2-digit', timeZone });
  if (entry.status === 'aired')
    return (
      <Tag color="success" data-testid="logged">
        {t('station.airedAt', { time })}
      </Tag>
    );
  return (
    <Tag color="error" data-testid="logged">
      {entry.reportedBy === 'station'
        ? t('station.notAiredBecause', { reason: entry.note ?? '' })
        : t('station.missed')}
    </Tag>
  );
}

function NotAiredDialog(props: { open: boolean; busy: boolean; onCancel(): void; onSubmit(reason: string): void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormDialog open={props.open} title={t('station.notAired')} form={form} busy={props.busy} onCancel={props.onCancel}>
      <Form form={form} layout="vertical" onFinish={(v) => props.onSubmit(v.reason)}>
        <Form.Item label={t('station.reason')} name="reason" rules={[{ required: true, max: 500 }]}>
          <Input.TextArea rows={3} placeholder={t('station.reasonExample')} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}

/** The script's audio, fetched with the station's key (an <audio> element cannot send it) and played from memory. */
function StationAudio({ url, stationKey }: { url: string; stationKey: string }) {
  const { t } = useI18n();
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let made: string | null = null;
    const u = new URL(url, window.location.origin);
    void fetch(`${u.pathname}${u.search}`, { headers: { 'X-Station-Key': stationKey } })
      .then((r) => (r.ok ? r.blob() : null))
      .then((b) => {
        if (!b) return;
        made = URL.createObjectURL(b);
        setSrc(made);
      });
    return () => {
      if (made) URL.revokeObjectURL(made);
    };
  }, [url, stationKey]);
  if (!src) return null;
  return <audio controls src={src} style={{ width: '100%' }} aria-label={t('station.audio')} />;
}
