export { CarrierRouteSelector } from './carrier-route-selector';
export type { ChosenRoute } from './carrier-route-selector';
export { CarrierRoutesRepository } from './carrier-routes.repository';
export type { RouteSwitch } from './carrier-routes.repository';
export { SecondaryRouteProvider } from './secondary-route-provider';
export { WatchedProvider } from './watched-provider';
export {
  chooseRoute,
  DEFAULT_FAILOVER_AFTER_SECONDS,
  DEFAULT_RETRY_PRIMARY_AFTER_SECONDS,
  failoverSettings,
  FailoverSettingsError,
  RouteHealth,
  routeOfStoredId,
  routeSignal,
  SECONDARY_ID_PREFIX,
  storedMessageId,
} from './rules';
export type { ActiveRoute, FailoverSettings, RouteChoice, RouteName, RouteSituation, SwitchReason } from './rules';
