export { CarriersRepository } from './carriers.repository';
export { CarrierConnections } from './carrier-connections.service';
export { CarrierLimits } from './carrier-limits';
export type { CarrierConnection } from './carrier-connections.service';
export { NumberingModule, loadCarrierRouter } from './numbering.module';
