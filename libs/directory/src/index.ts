export { DirectoryConflictError, DirectoryNotFoundError, DirectoryValidationError } from './errors';
export type { FieldProblem } from './errors';
export {
  adminUnitCode,
  broadcastSlots,
  canRelay,
  checkStationTree,
  DEFAULT_SLOT_MINUTES,
  DEFAULT_STATION_TIME_ZONE,
  directoryCode,
  emailAddress,
  mobileNumber,
  findCycle,
  httpUrl,
  MAX_SLOT_MINUTES,
  parseSlotsText,
  relayProblem,
  singleLine,
  STATION_LEVEL_RANK,
  STATION_LEVEL_VALUES,
  STATION_REGION_VALUES,
  stationLevel,
  stationRegion,
  timeZone,
  validateStation,
} from './validation';
export type { Check, StationDraft, StationFields, StationRegionValue, StationSlotValue, TreeNode } from './validation';
export { checkStationImport, MAX_STATION_CSV_ROWS, parseStationCsv, STATION_CSV_COLUMNS } from './station-csv';
export type { StationCsvRow } from './station-csv';
export { changed, DirectoryService, inUseError, newEmbedKey } from './directory.service';
export type { AgencyView, CarrierView, PortalView } from './directory.service';
export { StationsService } from './stations.service';
export { StationsRepository } from './stations.repository';
export type { StationRecord } from './stations.repository';
export { DirectoryModule } from './directory.module';
export { AgenciesPortalsRepository, campaignsUsing } from './agencies-portals.repository';
export type { AgencyRecord, CarrierRecord, PortalRecord } from './agencies-portals.repository';
export type { StationImportResult, StationView } from './stations.service';
export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, UsersAdminService } from './users-admin.service';
export type { UserView } from './users-admin.service';
export { UsersRepository } from './users.repository';
export type { UserRecord } from './users.repository';
export { DirectorySnapshotRepository } from './directory-snapshot.repository';
export type { DirectorySnapshot, OrganizationRecord } from './directory-snapshot.repository';
