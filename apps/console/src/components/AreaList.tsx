import { Descriptions, Tag, Typography } from 'antd';
import type { UnitRefDto as UnitRefView } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';

/**
 * A campaign's area as a list of units (no map): each unit's official name and code; for a letter, the units it
 * mentions and what each is now after the 2025 reform.
 */
export function AreaList({
  area,
  mentioned = [],
}: {
  area: UnitRefView[];
  mentioned?: Array<UnitRefView & { now: UnitRefView[] }>;
}) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={1} data-testid="campaign-area">
      <Descriptions.Item label={t('area.title')}>
        {area.length ? (
          area.map((u) => (
            <Tag key={u.code} data-unit={u.code}>
              {u.name} <Typography.Text type="secondary">({u.code})</Typography.Text>
            </Tag>
          ))
        ) : (
          <Typography.Text type="secondary">{t('area.whole')}</Typography.Text>
        )}
      </Descriptions.Item>
      {mentioned.length > 0 && (
        <Descriptions.Item label={t('area.mentioned')}>
          <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="area-mentioned">
            {mentioned.map((u) => (
              <li key={`${u.code}-${u.name}`}>
                {u.name} — {t('area.now')} {u.now.map((n) => n.name).join(', ')}
              </li>
            ))}
          </ul>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}
