export * from './carrier-orders.service';
