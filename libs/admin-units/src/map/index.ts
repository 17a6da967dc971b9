export { AdminUnitMap, DAY_PATTERN, describePeriod, inForceOn, vietnamDay } from './admin-unit-map';
export type { AdminUnit, Day, Succession, UnitLevel, UnitTotals } from './admin-unit-map';
export { csvDay, csvRows, parseSuccessionsCsv, parseUnitsCsv, parseUnitsManifest } from './parse-unit-files';
export type { SuccessionRow, UnitsManifest } from './parse-unit-files';
export { kindWordOf, nameKey, ROMAN_NUMERALS, unitKindOf } from './unit-names';
export {
  currentUnitsOf,
  isUnder,
  liesWithin,
  placeVerdict,
  proposeArea,
  provinceNamed,
  searchUnits,
  resolveArea,
  unitRef,
  unitsNamedIn,
} from './area';
export type { PlaceVerdict, UnitOption, UnitRef } from './area';
export type { UnitKind } from './unit-names';
