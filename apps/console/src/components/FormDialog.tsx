import { Modal } from 'antd';
import type { FormInstance } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * A dialog around one form: its OK button submits the form (whose rules run first) and shows progress while `busy`;
 * "Lưu" and "Quay lại" unless told otherwise. What it shows is dropped when it closes, so it opens on fresh values.
 */
export function FormDialog(props: {
  /** Default: open (a dialog mounted for each opening). */
  open?: boolean;
  title: ReactNode;
  form: Pick<FormInstance, 'submit'>;
  busy?: boolean;
  okText?: string;
  cancelText?: string;
  width?: number;
  onCancel(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={props.open ?? true}
      title={props.title}
      okText={props.okText ?? t('common.save')}
      cancelText={props.cancelText ?? t('common.back')}
      confirmLoading={props.busy}
      onCancel={props.onCancel}
      onOk={() => props.form.submit()}
      width={props.width}
      destroyOnHidden
    >
      {props.children}
    </Modal>
  );
}
