import { PartnerThrottle } from '../http/rate-limits';
import {
  Body,
  Controller,
  ForbiddenException,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { within } from '@loa/queue';
import { CarriersRepository, ReceiptIntake, resolveSecret, twilioFinalOutcome, verifyTwilioSignature } from '@loa/sms';
import { Public } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';

/** How long a status callback waits for Redis to take its receipt. */
const RECEIPT_ENQUEUE_WAIT_MS = 2_000;

/** Twilio status callbacks: verified by X-Twilio-Signature, then queued as receipts (answered fast). */
@ApiExcludeController()
@Public()
@PartnerThrottle()
@Controller('api/webhooks/twilio')
export class TwilioWebhookController {
  constructor(
    private readonly carriers: CarriersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly intake: ReceiptIntake,
  ) {}

  @Post(':carrier/status')
  @HttpCode(204)
  async status(@Param('carrier') carrierCode: string, @Body() params: Record<string, string>, @Req() req: LoaRequest) {
    const carrier = await this.carriers.twilioCarrier(carrierCode);
    if (!carrier) throw new NotFoundException(`No Twilio carrier ${carrierCode}`);
    const authToken = resolveSecret(carrier.connection, 'authToken');
    const url = `${this.config.http.publicBaseUrl}${req.originalUrl}`;
    const signature = req.header('x-twilio-signature') ?? '';
    if (!authToken || !signature || !verifyTwilioSignature({ authToken, signature, url, params })) {
      throw new ForbiddenException('Invalid X-Twilio-Signature');
    }
    const sid = params.MessageSid ?? params.SmsSid;
    const status = params.MessageStatus ?? params.SmsStatus ?? '';
    const outcome = twilioFinalOutcome(status);
    if (!sid || !outcome) return;
    const queued = this.intake.receipt({
      carrierCode,
      providerMessageId: sid,
      outcome,
      providerStatus: status,
      errorCode: params.ErrorCode ?? null,
    });
    // Redis away: answer 503 rather than hold Twilio's request; the worker asks Twilio for the status later.
    if ((await within(queued, RECEIPT_ENQUEUE_WAIT_MS)) === 'timeout') {
      throw new ServiceUnavailableException('Receipt queue unavailable; the status will be fetched later');
    }
  }
}
