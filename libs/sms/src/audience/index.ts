export { type AudienceReport, buildAudience } from './build-audience';
export { type OptOutView, type NewOptOut, OptOutsRepository } from './opt-outs.repository';
export { InvalidNumberError, OptOutsService } from './opt-outs.service';
export { InboundSmsService } from './inbound-sms.service';
export {
  type AudienceImportTotals,
  type AudienceImportView,
  type AudienceReject,
  type StagingMerge,
  AudienceImportsRepository,
} from './audience-imports.repository';
export { type AudienceImportCounts, type AudienceImportRun, AudienceImportService } from './audience-import.service';
export { type PlaceFilter, AudienceFileError } from './audience-rows';
export { PHONE_HEADERS, type PhoneColumn, copyTextField, findPhoneColumn, foldHeader } from './audience-csv';
export { AudienceModule } from './audience.module';
