import { Alert, Modal } from 'antd';
import { useI18n } from '../i18n/i18n';
import { useSession } from './session';
import { SignInForm } from './SignInForm';

/**
 * A session that ends mid-work (expired, signed out elsewhere, revoked) asks for the password again over the page,
 * so that the page and whatever was half-written on it stay as they were; the operator then repeats the last step.
 */
export function SessionExpiredDialog() {
  const { user, expired } = useSession();
  const { t } = useI18n();
  return (
    <Modal
      open={expired}
      title={t('session.expired.title')}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={null}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('session.expired.body')} style={{ marginBottom: 16 }} />
      <SignInForm email={user?.email} autoFocusPassword />
    </Modal>
  );
}
