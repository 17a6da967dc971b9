import { Module } from '@nestjs/common';
import { AuditService } from '@loa/audit';
import { AuthService } from './auth.service';
import { PartnerKeysRepository } from './partner-keys.repository';
import { PartnerKeysService } from './partner-keys.service';
import { SessionsRepository } from './sessions.repository';

/** Operators' sign-in and sessions, and partners' API keys. Needs ConfigModule and DbModule. */
@Module({
  providers: [AuditService, SessionsRepository, AuthService, PartnerKeysRepository, PartnerKeysService],
  exports: [AuthService, PartnerKeysService],
})
export class AuthModule {}
