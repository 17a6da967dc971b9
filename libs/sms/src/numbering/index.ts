export { loadPrefixTable, PrefixTableError, type CarrierPrefixes, type PrefixTable } from './prefix-table';
export { normalizeMsisdn, type MsisdnResult } from './normalize-msisdn';
export { CarrierRouter, routeNumber, type RoutedNumber } from './carrier-router';
