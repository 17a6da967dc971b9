import { Module } from '@nestjs/common';
import { BatchRunner } from './batch-runner';
import { DeliveriesRepository } from './deliveries.repository';

@Module({ providers: [DeliveriesRepository, BatchRunner], exports: [DeliveriesRepository, BatchRunner] })
export class DeliveryModule {}
