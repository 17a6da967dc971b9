import { Alert, Button, Descriptions, Progress, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import { downloadWithToken, tokenStore } from '../api/client';
import type { AudienceImportCountsDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';
import { formatNumber } from './format';

/**
 * Uploads a subscriber CSV with a progress bar (XMLHttpRequest: fetch reports no upload progress), then shows what
 * the import did and offers its rejected rows as a CSV download.
 */
export function AudienceUpload({ campaignId, onImported }: { campaignId: string; onImported(): void }) {
  const { t, lang } = useI18n();
  const [percent, setPercent] = useState<number | null>(null);
  const [result, setResult] = useState<AudienceImportCountsDto | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = (file: File) => {
    const form = new FormData();
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/campaigns/${encodeURIComponent(campaignId)}/audience`);
    const token = tokenStore.get();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.responseType = 'json';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setPercent(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      setPercent(null);
      const body = xhr.response as { message?: string | string[] } | AudienceImportCountsDto | null;
      if (xhr.status >= 200 && xhr.status < 300) {
        setResult(body as AudienceImportCountsDto);
        onImported();
      } else {
        const message = (body as { message?: string | string[] } | null)?.message;
        setError(Array.isArray(message) ? message.join('; ') : (message ?? `HTTP ${xhr.status}`));
      }
    };
    xhr.onerror = () => {
      setPercent(null);
      setError(t('common.error'));
    };
    setError(null);
    setResult(null);
    setPercent(0);
    xhr.send(form);
  };

  const downloadRejects = () =>
    result &&
    downloadWithToken(
      `/api/campaigns/${campaignId}/audience/imports/${result.importId}/rejects.csv`,
      `loai-bo-${result.importId}.csv`,
    );

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="audience-upload">
      <Typography.Text type="secondary">{t('audience.help')}</Typography.Text>
      <Upload
        accept=".csv,text/csv"
        showUploadList={false}
        beforeUpload={(file) => {
          upload(file);
          return false;
        }}
      >
        <Button disabled={percent !== null}>{t('audience.upload')}</Button>
      </Upload>
      {percent !== null && (
        <Progress aria-label={t('audience.upload')} percent={percent} status="active" data-testid="audience-progress" />
      )}
      {error && <Alert type="error" showIcon title={error} />}
      {result && (
        <Descriptions size="small" column={3} bordered data-testid="audience-result">
          <Descriptions.Item label={t('audience.rows')}>{formatNumber(result.rows, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('audience.accepted')}>{formatNumber(result.accepted, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('audience.duplicates')}>
            {formatNumber(result.duplicates, lang)}
          </Descriptions.Item>
          <Descriptions.Item label={t('progress.opted_out')}>{formatNumber(result.optedOut, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('audience.rejected')}>
            {formatNumber(result.rejected, lang)}{' '}
            {result.rejected > 0 && (
              <Button size="small" type="link" onClick={() => void downloadRejects()} data-action="rejects">
                {t('audience.downloadRejects')}
              </Button>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('audience.column')}>{result.phoneColumn ?? '—'}</Descriptions.Item>
        </Descriptions>
      )}
    </Space>
  );
}
