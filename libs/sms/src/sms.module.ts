import { Module } from '@nestjs/common';
import { AuditService } from '@loa/audit';
import { DeliveryModule } from '@loa/delivery';
import { QueueModule } from '@loa/queue';
import { AudienceModule } from './audience/audience.module';
import { CarrierConnections } from './carriers/carrier-connections.service';
import { CarrierLimits } from './carriers/carrier-limits';
import { CarriersRepository } from './carriers/carriers.repository';
import { CarrierTermsService } from './carriers/carrier-terms.service';
import { NumberingModule } from './carriers/numbering.module';
import { SmsFanout } from './fanout/sms-fanout';
import { CarrierOrdersRepository } from './orders/carrier-orders.repository';
import { CarrierOrdersService } from './orders/carrier-orders.service';
import { AwaitingReceiptsService } from './receipts/awaiting-receipts.service';
import { ReceiptBatcher } from './receipts/receipt-batcher';
import { ReceiptIntake } from './receipts/receipt-intake';
import { QueuedReceipts } from './receipts/queued-receipts';
import { SmsBatchRepository } from './sms-batch.repository';
import { SmsDispatchService } from './sms-dispatch.service';
import { SmsTestSends } from './test-send/sms-test-sends';
import { CarrierAutoPause, CarrierPausesRepository } from './auto-pause';
import { CarrierRouteSelector, CarrierRoutesRepository } from './routes';

/**
 * SMS through carriers: the launch's rows, carrier orders and batches (SmsFanout), sending a batch
 * (SmsDispatchService), carrier connections and receipts (the worker opens them), carrier orders partners pull
 * (the API), and the subscriber list and opt-outs (AudienceModule). Needs ConfigModule and DbModule.
 */
@Module({
  imports: [DeliveryModule, QueueModule, AudienceModule, NumberingModule],
  providers: [
    AuditService,
    CarriersRepository,
    CarrierConnections,
    CarrierLimits,
    CarrierOrdersRepository,
    CarrierOrdersService,
    SmsFanout,
    SmsBatchRepository,
    SmsDispatchService,
    SmsTestSends,
    AwaitingReceiptsService,
    ReceiptIntake,
    ReceiptBatcher,
    QueuedReceipts,
    CarrierPausesRepository,
    CarrierAutoPause,
    CarrierTermsService,
    CarrierRoutesRepository,
    CarrierRouteSelector,
  ],
  exports: [
    AudienceModule,
    NumberingModule,
    CarriersRepository,
    CarrierConnections,
    CarrierOrdersRepository,
    CarrierOrdersService,
    SmsDispatchService,
    SmsTestSends,
    AwaitingReceiptsService,
    ReceiptIntake,
    ReceiptBatcher,
    QueuedReceipts,
    CarrierPausesRepository,
    CarrierAutoPause,
    CarrierTermsService,
    CarrierRoutesRepository,
    CarrierRouteSelector,
  ],
})
export class SmsModule {}
