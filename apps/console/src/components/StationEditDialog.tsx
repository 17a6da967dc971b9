import { Alert, Button, Form, Input, InputNumber, Select, Space } from 'antd';
import { useState } from 'react';
import { ApiError, api, unwrap } from '../api/client';
import type { StationViewDto } from '../api/schema.gen';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { FormDialog } from './FormDialog';

const LEVELS = ['province', 'district', 'commune'] as const;
const REGIONS = ['north', 'central', 'south'] as const;

interface StationForm {
  name: string;
  level: (typeof LEVELS)[number];
  parentCode?: string | null;
  adminUnitCode?: string;
  region?: (typeof REGIONS)[number] | null;
  contactEmail?: string;
  broadcastSlots: Array<{ start: string; minutes: number }>;
}

/**
 * One station edited on its own (the CSV import does many): its name, level and the station it relays, its unit,
 * voice region, contact and daily slots. The code is fixed (feeds and keys use it). The server checks the relay tree
 * and the slots and names the field at fault; nothing is changed then.
 */
export function StationEditDialog({
  station,
  stations,
  onClose,
  onSaved,
}: {
  station: StationViewDto;
  stations: StationViewDto[];
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<StationForm>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (v: StationForm) => {
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.PATCH('/api/admin/stations/{id}', {
          params: { path: { id: station.id } },
          body: {
            name: v.name.trim(),
            level: v.level,
            parentCode: v.parentCode ?? null,
            adminUnitCode: v.adminUnitCode?.trim() || null,
            region: v.region ?? null,
            contactEmail: v.contactEmail?.trim() || null,
            broadcastSlots: v.broadcastSlots ?? [],
          },
        }),
      );
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog
      title={t('admin.editStation', { code: station.code })}
      form={form}
      busy={busy}
      cancelText={t('common.cancel')}
      width={560}
      onCancel={onClose}
    >
      <Form<StationForm>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={save}
        data-testid="station-edit"
        initialValues={{
          name: station.name,
          level: station.level,
          parentCode: station.parentCode,
          adminUnitCode: station.adminUnitCode ?? '',
          region: station.region as StationForm['region'],
          contactEmail: station.contactEmail ?? '',
          broadcastSlots: station.broadcastSlots,
        }}
      >
        <Form.Item label={t('admin.name')} name="name" rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Space size="middle" style={{ display: 'flex' }} align="start">
          <Form.Item label={t('admin.level')} name="level" rules={[{ required: true }]}>
            <Select
              style={{ width: 150 }}
              options={LEVELS.map((l) => ({ value: l, label: t(`level.${l}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item label={t('admin.parent')} name="parentCode">
            <Select
              allowClear
              showSearch
              style={{ width: 300 }}
              placeholder={t('admin.noParent')}
              options={stations
                .filter((s) => s.id !== station.id)
                .map((s) => ({ value: s.code, label: `${s.name} (${s.code})` }))}
            />
          </Form.Item>
        </Space>
        <Space size="middle" style={{ display: 'flex' }} align="start">
          <Form.Item label={t('admin.unit')} name="adminUnitCode">
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item label={t('admin.region')} name="region">
            <Select
              allowClear
              style={{ width: 200 }}
              options={REGIONS.map((r) => ({ value: r, label: t(`region.${r}` as MessageKey) }))}
            />
          </Form.Item>
        </Space>
        <Form.Item label={t('admin.contactEmail')} name="contactEmail" rules={[{ type: 'email' }]}>
          <Input type="email" />
        </Form.Item>
        <Form.Item label={t('radio.field.slots')} extra={t('admin.slotsHelp')}>
          <Form.List name="broadcastSlots">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline" data-testid={`slot-${i}`}>
                    <Form.Item
                      name={[f.name, 'start']}
                      rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('admin.slotStart') }]}
                      noStyle
                    >
                      <Input
                        aria-label={t('admin.slotStartLabel', { n: i + 1 })}
                        placeholder="06:00"
                        style={{ width: 90 }}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'minutes']} rules={[{ required: true }]} noStyle>
                      <InputNumber
                        aria-label={t('admin.slotMinutesLabel', { n: i + 1 })}
                        min={1}
                        max={240}
                        suffix={t('admin.minutes')}
                        style={{ width: 120 }}
                      />
                    </Form.Item>
                    <Button
                      size="small"
                      onClick={() => remove(f.name)}
                      aria-label={t('admin.slotRemove', { n: i + 1 })}
                    >
                      ✕
                    </Button>
                  </Space>
                ))}
                <Button size="small" onClick={() => add({ start: '', minutes: 30 })} data-action="add-slot">
                  {t('admin.slotAdd')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
        {error && <Alert type="error" showIcon role="alert" title={error} data-testid="station-edit-error" />}
      </Form>
    </FormDialog>
  );
}
