export {
  currentUnitsOf,
  isUnder,
  kindWordOf,
  liesWithin,
  placeVerdict,
  proposeArea,
  provinceNamed,
  searchUnits,
  resolveArea,
  unitRef,
  unitsNamedIn,
  AdminUnitMap,
  DAY_PATTERN,
  describePeriod,
  inForceOn,
  vietnamDay,
  nameKey,
  parseSuccessionsCsv,
  parseUnitsCsv,
  parseUnitsManifest,
  ROMAN_NUMERALS,
  unitKindOf,
} from './map';
export type {
  PlaceVerdict,
  UnitOption,
  UnitRef,
  AdminUnit,
  Day,
  Succession,
  SuccessionRow,
  UnitKind,
  UnitLevel,
  UnitsManifest,
  UnitTotals,
} from './map';
export { loadAdminUnits, loadOrganizationLineage } from './admin-units.loader';
export { OrganizationLineage, parseLineageCsv } from './organizations';
export type { LetterSigner, NamedBody, OrganizationBody } from './organizations';
export type { LoadedAdminUnits } from './admin-units.loader';
export { AdminUnitsModule } from './admin-units.module';
