export { CarrierOrdersService, OrderConflictError, OrderNotFoundError } from './carrier-orders.service';
export type { CarrierOrderView, CarrierReport } from './carrier-orders.service';
export { CarrierOrdersRepository, cancelOpenCarrierOrders, carrierOrderSummaries } from './carrier-orders.repository';
export type {
  CarrierOrderCounts,
  CarrierOrderRow,
  CarrierOrderSummary,
  UnacknowledgedOrder,
} from './carrier-orders.repository';
