import { type ReactNode, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages';
import { PartnerSignIn } from './PartnerSignIn';
import { type PartnerCredentials, partnerSession } from './partner-session';

type PartnerKind = 'station' | 'portal' | 'carrier';

/**
 * A partner's page behind its code and key: the sign-in until `verify` accepts them (their `<kind>.signIn`,
 * `.signInHelp`, `.code`, `.key`, `.badKey` messages), then the page, which may sign out.
 */
export function PartnerGate(props: {
  kind: PartnerKind;
  verify(c: PartnerCredentials): Promise<unknown>;
  children(credentials: PartnerCredentials, signOut: () => void): ReactNode;
}) {
  const { t } = useI18n();
  const session = partnerSession(props.kind);
  const [credentials, setCredentials] = useState<PartnerCredentials | null>(session.get());
  const text = (key: string) => t(`${props.kind}.${key}` as MessageKey);
  if (!credentials)
    return (
      <PartnerSignIn
        title={text('signIn')}
        help={text('signInHelp')}
        codeLabel={text('code')}
        keyLabel={text('key')}
        submitLabel={t('station.enter')}
        badKey={text('badKey')}
        verify={props.verify}
        onSignedIn={(c) => {
          session.set(c);
          setCredentials(c);
        }}
      />
    );
  return props.children(credentials, () => {
    session.clear();
    setCredentials(null);
  });
}
