export { CarrierAutoPause } from './carrier-auto-pause';
export type { PauseWatch } from './carrier-auto-pause';
export { CarrierPausesRepository } from './carrier-pauses.repository';
export type { CarrierPause, OpenCarrierPause, PauseState } from './carrier-pauses.repository';
export { FailureWindow } from './failure-window';
export type { AutoPauseRule } from './failure-window';
