export { CarriersRepository } from './carriers.repository';
export { CarrierConnections } from './carrier-connections.service';
export { CarrierLimits } from './carrier-limits';
export type { CarrierConnection } from './carrier-connections.service';
export { NumberingModule, loadCarrierRouter } from './numbering.module';
export { carrierSendingTerms } from './sending-terms';
export type { CarrierSendingTerms } from './sending-terms';
export { CarrierTermsService } from './carrier-terms.service';
export type { CarrierTermsView } from './carrier-terms.service';
