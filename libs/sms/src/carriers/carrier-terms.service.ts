import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { localDateKey } from '../schedule';
import { SmsBatchRepository } from '../sms-batch.repository';
import { CarriersRepository } from './carriers.repository';
import { CarrierSendingTerms, carrierSendingTerms } from './sending-terms';

/** A carrier with its sending terms and what it has been handed today (its daily quota's count). */
export interface CarrierTermsView extends CarrierSendingTerms {
  code: string;
  name: string;
  provider: string;
  enabled: boolean;
  /** The local day (SMS_TIME_ZONE) the count is of. */
  day: string;
  sentToday: number;
}

/** Carriers' terms for the people who run Loa: what each row lets it send, and today's use of the quota. */
@Injectable()
export class CarrierTermsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly carriers: CarriersRepository,
    private readonly batches: SmsBatchRepository,
  ) {}

  async list(now = new Date()): Promise<CarrierTermsView[]> {
    const day = localDateKey(now, this.config.sms.timeZone);
    const [carriers, counts] = await Promise.all([this.carriers.all(), this.batches.carrierCountsOn(day)]);
    return carriers.map((c) => ({
      code: c.code,
      name: c.name,
      provider: c.provider,
      enabled: c.enabled,
      ...carrierSendingTerms(c),
      day,
      sentToday: counts.get(c.code) ?? 0,
    }));
  }
}
