import { Form, Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { UnitRefDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';

interface Option {
  value: string;
  label: string;
}

const optionOf = (u: UnitRefDto & { parentName?: string | null }): Option => ({
  value: u.code,
  label: u.parentName ? `${u.name} — ${u.parentName}` : u.name,
});

/**
 * The campaign's area: units of the organisation's province picked by name (accents optional), searched on the
 * server as the editor types. Empty: the organisation's whole province.
 */
export function AreaField({ initial }: { initial: UnitRefDto[] }) {
  const { t } = useI18n();
  const [options, setOptions] = useState<Option[]>(() => initial.map(optionOf));
  const [loading, setLoading] = useState(false);
  const asked = useRef(0);
  const form = Form.useFormInstance();
  const chosen: string[] = Form.useWatch('area', form) ?? [];

  const search = async (q: string) => {
    const n = ++asked.current;
    setLoading(true);
    try {
      const found = await unwrap(api.GET('/api/admin-units', { params: { query: { q } } }));
      if (n !== asked.current) return; // a later search answered first
      // Keep the chosen units listed (their labels) beside what this search found.
      setOptions((prev) => {
        const keep = prev.filter((o) => chosen.includes(o.value));
        const fresh = found.map(optionOf).filter((o) => !keep.some((k) => k.value === o.value));
        return [...keep, ...fresh];
      });
    } finally {
      if (n === asked.current) setLoading(false);
    }
  };

  useEffect(() => {
    void search('');
    // Once, for the first page of options; later searches follow typing.
  }, []);

  return (
    <Form.Item
      label={t('area.title')}
      name="area"
      extra={<Typography.Text type="secondary">{t('area.help')}</Typography.Text>}
    >
      <Select
        mode="multiple"
        showSearch
        allowClear
        filterOption={false}
        onSearch={(q) => void search(q)}
        loading={loading}
        options={options}
        placeholder={t('area.whole')}
        data-testid="area-field"
        aria-label={t('area.title')}
      />
    </Form.Item>
  );
}
