import { SEGMENT_LIMITS, renderSms } from '@loa/sms-text';
import { Alert, Descriptions, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/i18n';
import { formatNumber } from './format';

/**
 * Encoding, length and segments of an SMS as it is typed: the same rules the server sends by (`sms inspect`),
 * imported from libs/sms, so the count shown is the count billed.
 */
export function SmsCounter({ text, strip, subscribers }: { text: string; strip: boolean; subscribers?: number }) {
  const { t, lang } = useI18n();
  const sms = renderSms(text, { stripDiacritics: strip });
  const limits = SEGMENT_LIMITS[sms.encoding];
  const perPart = sms.segments > 1 ? limits.multipart : limits.single;
  return (
    <div data-testid="sms-counter">
      <Descriptions size="small" column={4} bordered>
        <Descriptions.Item label={t('sms.encoding')}>
          <Tag color={sms.encoding === 'GSM-7' ? 'green' : 'orange'} data-testid="sms-encoding">
            {sms.encoding}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('sms.characters')}>
          <span data-testid="sms-length">{sms.length}</span> / {perPart * sms.segments}
        </Descriptions.Item>
        <Descriptions.Item label={t('sms.segments')}>
          <span data-testid="sms-segments">{sms.segments}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('sms.cost')}>
          {sms.segments}
          {subscribers
            ? ` × ${formatNumber(subscribers, lang)} = ${formatNumber(sms.segments * subscribers, lang)}`
            : ''}
        </Descriptions.Item>
      </Descriptions>
      {strip && sms.diacriticsStripped && (
        <Alert
          style={{ marginTop: 8 }}
          type="info"
          title={
            <span>
              {t('sms.preview')}: <Typography.Text code>{sms.text}</Typography.Text>
            </span>
          }
        />
      )}
    </div>
  );
}
