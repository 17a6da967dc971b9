import { Injectable, Logger } from '@nestjs/common';
import type { InboundSmsJob } from '@loa/queue';
import { detectOptOut } from '../opt-out';
import { OptOutsService } from './opt-outs.service';

/** What Loa does with a subscriber's reply: an opt-out keyword (TC, HUY, STOP…) records an opt-out. */
@Injectable()
export class InboundSmsService {
  private readonly logger = new Logger(InboundSmsService.name);

  constructor(private readonly optOuts: OptOutsService) {}

  async handle(sms: InboundSmsJob): Promise<'opted-out' | 'ignored'> {
    const match = detectOptOut(sms.text);
    if (!match.optOut) {
      this.logger.log(`reply from …${sms.from.slice(-4)} via ${sms.carrierCode} is not an opt-out; ignored`);
      return 'ignored';
    }
    await this.optOuts.add(
      { msisdn: sms.from, source: 'sms_keyword', carrierCode: sms.carrierCode, note: `keyword ${match.keyword}` },
      { type: 'system', id: `inbound-${sms.carrierCode}` },
      null,
      null,
    );
    return 'opted-out';
  }
}
