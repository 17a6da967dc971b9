export { newSecret, safeEqual, secretPrefix, sha256 } from './secrets';
export {
  DEMO_PASSWORD_HASH_COST,
  PASSWORD_HASH_COST,
  type PasswordHashCost,
  hashPassword,
  verifyPassword,
} from './passwords';
export {
  AccountDisabledError,
  AccountLockedError,
  AuthService,
  LOCKOUT_SECONDS,
  LoginFailedError,
  MAX_FAILED_LOGINS,
} from './auth.service';
export type { AuthenticatedUser } from './auth.service';
export { PartnerKeysService, PartnerNotFoundError } from './partner-keys.service';
export { PartnerKeysRepository, revokeKeysOfPartner } from './partner-keys.repository';
export type { PartnerKeyRow, RevokedKey } from './partner-keys.repository';
export { SessionsRepository, revokeSessionsOfUser } from './sessions.repository';
export type { LoginUser, SessionUser } from './sessions.repository';
export { AuthModule } from './auth.module';
export type { PartnerKeyView } from './partner-keys.service';
export { checkPartnerSignature, SIGNATURE_WINDOW_SECONDS, signPartnerRequest } from './partner-signature';
export type { SignatureCheck } from './partner-signature';
