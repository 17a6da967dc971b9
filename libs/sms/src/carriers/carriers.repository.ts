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

  /**
   * The connection of a carrier's route that goes through Twilio, by code (status callbacks name both in their
   * URL): the carrier row's own, or its second route's (`connection.secondary`); null when that route is not Twilio.
   */
  async twilioRoute(code: string, route: 'primary' | 'secondary'): Promise<Record<string, unknown> | null> {
    const carrier = await this.dataSource.getRepository(CarrierEntity).findOne({ where: { code } });
    if (!carrier) return null;
    if (route === 'primary') return carrier.provider === 'twilio' ? carrier.connection : null;
    const secondary = carrier.connection.secondary as Record<string, unknown> | undefined;
    return secondary && typeof secondary === 'object' && secondary.provider === 'twilio' ? secondary : null;
  }
}
