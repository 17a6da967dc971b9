export { chooseRoute } from './choose-route';
export type { ActiveRoute, RouteChoice, RouteSituation, RouteSwitchDecision, SwitchReason } from './choose-route';
export {
  DEFAULT_FAILOVER_AFTER_SECONDS,
  DEFAULT_RETRY_PRIMARY_AFTER_SECONDS,
  failoverSettings,
  FailoverSettingsError,
} from './failover-settings';
export type { FailoverSettings } from './failover-settings';
export { RouteHealth, routeSignal } from './route-health';
export type { RouteSignal } from './route-health';
export { routeOfStoredId, SECONDARY_ID_PREFIX, storedMessageId } from './route-ids';
export type { RouteName } from './route-ids';
