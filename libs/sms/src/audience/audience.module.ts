import { Module } from '@nestjs/common';
import { AuditService } from '@loa/audit';
import { NumberingModule } from '../carriers/numbering.module';
import { AudienceImportService } from './audience-import.service';
import { AudienceImportsRepository } from './audience-imports.repository';
import { InboundSmsService } from './inbound-sms.service';
import { OptOutsRepository } from './opt-outs.repository';
import { OptOutsService } from './opt-outs.service';

/** The subscriber list and opt-outs: their services and the repositories that own their tables. */
const EXPORTED = [
  AudienceImportsRepository,
  OptOutsRepository,
  AudienceImportService,
  OptOutsService,
  InboundSmsService,
];

@Module({
  imports: [NumberingModule],
  providers: [AuditService, ...EXPORTED],
  exports: EXPORTED,
})
export class AudienceModule {}
