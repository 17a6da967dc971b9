import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CarrierEntity } from '@loa/db';

/** The SQL of `carriers` as SMS sending reads it (carriers are data: adding one needs no deploy). */
@Injectable()
export class CarriersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Enabled carriers in code order: each gets a connection and a queue worker. */
  enabled(): Promise<CarrierEntity[]> {
    return this.dataSource.getRepository(CarrierEntity).find({ where: { enabled: true }, order: { code: 'ASC' } });
  }

  /** Every carrier in code order, enabled or not. */
  all(): Promise<CarrierEntity[]> {
    return this.dataSource.getRepository(CarrierEntity).find({ order: { code: 'ASC' } });
  }

  /** A carrier sent through Twilio, by code (status callbacks name it in their URL). */
  twilioCarrier(code: string): Promise<CarrierEntity | null> {
    return this.dataSource.getRepository(CarrierEntity).findOne({ where: { code, provider: 'twilio' } });
  }
}
