import type { ColumnsType } from 'antd/es/table';
import type { useI18n } from '../i18n/i18n';
import { formatNumber, formatRate } from './format';

/** A row of banner figures (the click-through rate computed here when the API did not give it). */
interface Figures {
  impressions: number;
  clicks: number;
  clickThroughRate?: number;
}

/** The three figure columns every banner table ends with: impressions, clicks, click-through rate. */
export function bannerFigureColumns<T extends Figures>({ t, lang }: ReturnType<typeof useI18n>): ColumnsType<T> {
  return [
    {
      title: t('portal.impressions'),
      key: 'impressions',
      align: 'right',
      render: (_, f) => formatNumber(f.impressions, lang),
    },
    { title: t('portal.clicks'), key: 'clicks', align: 'right', render: (_, f) => formatNumber(f.clicks, lang) },
    {
      title: t('portal.ctr'),
      key: 'ctr',
      align: 'right',
      render: (_, f) =>
        formatRate(f.clickThroughRate ?? (f.impressions ? f.clicks / f.impressions : 0), f.impressions, lang),
    },
  ];
}
