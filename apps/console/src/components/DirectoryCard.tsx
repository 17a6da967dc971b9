import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Rule } from 'antd/es/form';
import { type ReactNode, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { FormDialog } from './FormDialog';

/** One field of a directory row's form; `createOnly` fields (the code) are fixed once created. */
export interface DirectoryField {
  name: string;
  label: string;
  rules?: Rule[];
  createOnly?: boolean;
  placeholder?: string;
}

type Values = Record<string, string>;

/**
 * A directory table an admin edits (agencies, portals): add and edit in a dialog, delete after a confirmation;
 * the server's refusal (a code taken, a row still used by a campaign) is shown as it says it.
 */
export function DirectoryCard<T extends { id: string }>(props: {
  title: string;
  testId: string;
  queryKey: string;
  rows: T[];
  columns: ColumnsType<T>;
  fields: DirectoryField[];
  create(v: Values): Promise<unknown>;
  update(id: string, v: Values): Promise<unknown>;
  remove(id: string): Promise<unknown>;
  /** More buttons for a row (e.g. a new embed key). */
  rowActions?(row: T, run: (call: () => Promise<unknown>) => Promise<boolean>): ReactNode;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queries = useQueryClient();
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const run = async (call: () => Promise<unknown>) => {
    try {
      await call();
      message.success(t('admin.saved'));
      await queries.invalidateQueries({ queryKey: [props.queryKey] });
      return true;
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
      return false;
    }
  };
  const save = (v: Values) =>
    void run(() => (editing === 'new' ? props.create(v) : props.update((editing as T).id, v))).then(
      (ok) => ok && setEditing(null),
    );
  const isNew = editing === 'new';
  return (
    <Card
      size="small"
      title={props.title}
      data-testid={props.testId}
      extra={
        <Button size="small" onClick={() => setEditing('new')} data-action="add">
          {t('admin.add')}
        </Button>
      }
    >
      <Table<T>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={props.rows}
        columns={[
          ...props.columns,
          {
            title: '',
            key: 'actions',
            render: (_, row) => (
              <Space>
                <Button size="small" onClick={() => setEditing(row)} data-action="edit">
                  {t('admin.edit')}
                </Button>
                {props.rowActions?.(row, run)}
                <Popconfirm
                  title={t('admin.deleteConfirm')}
                  okText={t('admin.delete')}
                  cancelText={t('common.back')}
                  onConfirm={() => run(() => props.remove(row.id))}
                >
                  <Button size="small" danger data-action="delete">
                    {t('admin.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing !== null && (
        <RowDialog
          title={isNew ? t('admin.add') : t('admin.edit')}
          fields={props.fields.filter((f) => isNew || !f.createOnly)}
          initial={isNew ? {} : (editing as unknown as Values)}
          onCancel={() => setEditing(null)}
          onSave={save}
        />
      )}
    </Card>
  );
}

/** The add / edit dialog: mounted for each opening, so it starts from that row's values. */
function RowDialog(props: {
  title: string;
  fields: DirectoryField[];
  initial: Values;
  onCancel(): void;
  onSave(v: Values): void;
}) {
  const [form] = Form.useForm<Values>();
  return (
    <FormDialog title={props.title} form={form} onCancel={props.onCancel}>
      <Form form={form} layout="vertical" initialValues={props.initial} onFinish={props.onSave}>
        {props.fields.map((f) => (
          <Form.Item key={f.name} label={f.label} name={f.name} rules={f.rules}>
            <Input placeholder={f.placeholder} />
          </Form.Item>
        ))}
      </Form>
    </FormDialog>
  );
}
