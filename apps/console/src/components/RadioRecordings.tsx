import { useQuery } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, unwrap, uploadWithToken } from '../api/client';
import type { StationAudioDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';

/**
 * What each station airs for the campaign — speech synthesised from the script, or a person's recording — and the
 * recording uploaded or taken back, for every station of the plan at once or for one station (a commune's own voice).
 * Before launch an editor may do it; on air an approver, as the server rules.
 */
export function RadioRecordings({ campaignId, onChanged }: { campaignId: string; onChanged(): void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const audio = useQuery({
    queryKey: ['campaign-audio', campaignId],
    queryFn: () => unwrap(api.GET('/api/campaigns/{id}/radio/audio', { params: { path: { id: campaignId } } })),
    refetchInterval: (q) => (q.state.data?.stations.some((s) => s.status === 'pending') ? 3000 : false),
  });
  /** The table as the server now has it, then the message. */
  const done = async (text: string) => {
    await audio.refetch();
    onChanged();
    message.success(text);
  };
  /** `station` null: every station of the plan. */
  const upload = async (file: File, station: string | null) => {
    setBusy(true);
    try {
      const only = station ? `?station=${encodeURIComponent(station)}` : '';
      await uploadWithToken(`/api/campaigns/${encodeURIComponent(campaignId)}/radio/recording${only}`, file);
      await done(
        station
          ? t('recordings.uploadedFor', { name: file.name, station })
          : t('recordings.uploaded', { name: file.name }),
      );
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (station: string | null) => {
    setBusy(true);
    try {
      await unwrap(
        api.DELETE('/api/campaigns/{id}/radio/recording', {
          params: { path: { id: campaignId }, query: station ? { station } : {} },
        }),
      );
      await done(station ? t('recordings.removedFor', { station }) : t('recordings.removed'));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const rows = audio.data?.stations ?? [];
  return (
    <Card
      title={t('recordings.title')}
      data-testid="radio-recordings"
      extra={
        <Space>
          <Upload
            accept=".mp3,.wav,.ogg,.opus,audio/*"
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file, null);
              return false;
            }}
          >
            <Button loading={busy} data-action="upload-recording">
              {t('recordings.upload')}
            </Button>
          </Upload>
          {rows.some((r) => r.source === 'upload') && (
            <Popconfirm
              title={t('recordings.removeConfirm')}
              okText={t('recordings.remove')}
              cancelText={t('common.back')}
              onConfirm={() => remove(null)}
            >
              <Button danger disabled={busy} data-action="remove-recording">
                {t('recordings.remove')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary">{t('recordings.help')}</Typography.Paragraph>
      <Table<StationAudioDto>
        size="small"
        rowKey="station"
        loading={audio.isFetching && !audio.data}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('recordings.station'), dataIndex: 'station' },
          {
            title: t('recordings.source'),
            key: 'source',
            render: (_, r) =>
              r.source === 'upload' ? (
                <Tag color="purple" data-source="upload">
                  {t('recordings.recorded')}
                  {r.originalName ? ` · ${r.originalName}` : ''}
                </Tag>
              ) : (
                <Tag data-source="tts">{t('recordings.tts')}</Tag>
              ),
          },
          {
            title: t('list.col.status'),
            key: 'status',
            render: (_, r) => (
              <Tag
                color={r.status === 'ready' ? 'green' : r.status === 'failed' ? 'red' : 'default'}
                title={r.error ?? ''}
              >
                {t(`recordings.status.${r.status}` as MessageKey)}
              </Tag>
            ),
          },
          {
            title: t('recordings.duration'),
            key: 'duration',
            align: 'right',
            render: (_, r) => (r.durationSeconds ? `${Math.round(r.durationSeconds)} s` : '—'),
          },
          {
            title: t('recordings.actions'),
            key: 'actions',
            render: (_, r) => (
              <Space size="small" data-station={r.station}>
                <Upload
                  accept=".mp3,.wav,.ogg,.opus,audio/*"
                  showUploadList={false}
                  beforeUpload={(file) => {
                    void upload(file, r.station);
                    return false;
                  }}
                >
                  <Button
                    size="small"
                    disabled={busy}
                    data-action="upload-station-recording"
                    aria-label={t('recordings.forStationHelp', { station: r.station })}
                  >
                    {t('recordings.forStation')}
                  </Button>
                </Upload>
                {r.source === 'upload' && (
                  <Popconfirm
                    title={t('recordings.removeOneConfirm', { station: r.station })}
                    okText={t('recordings.removeOne')}
                    cancelText={t('common.back')}
                    onConfirm={() => remove(r.station)}
                  >
                    <Button size="small" danger disabled={busy} data-action="remove-station-recording">
                      {t('recordings.removeOne')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
