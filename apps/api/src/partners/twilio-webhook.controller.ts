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
import {
  CarriersRepository,
  ReceiptIntake,
  resolveSecret,
  storedMessageId,
  twilioFinalOutcome,
  verifyTwilioSignature,
} from '@loa/sms';
import { Public } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';

/** How long a status callback waits for Redis to take its receipt. */
const RECEIPT_ENQUEUE_WAIT_MS = 2_000;

/**
 * Twilio status callbacks: verified by X-Twilio-Signature, then queued as receipts (answered fast). A carrier's
 * second route, when it goes through Twilio, has its own path (its own auth token; its message ids stored with the
 * second route's prefix).
 */
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
  status(@Param('carrier') carrierCode: string, @Body() params: Record<string, string>, @Req() req: LoaRequest) {
    return this.receive(carrierCode, 'primary', params, req);
  }

  @Post(':carrier/secondary/status')
  @HttpCode(204)
  secondaryStatus(
    @Param('carrier') carrierCode: string,
    @Body() params: Record<string, string>,
    @Req() req: LoaRequest,
  ) {
    return this.receive(carrierCode, 'secondary', params, req);
  }

  private async receive(
    carrierCode: string,
    route: 'primary' | 'secondary',
    params: Record<string, string>,
    req: LoaRequest,
  ): Promise<void> {
    const connection = await this.carriers.twilioRoute(carrierCode, route);
    if (!connection) throw new NotFoundException(`No Twilio ${route} route for carrier ${carrierCode}`);
    const authToken = resolveSecret(connection, 'authToken');
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
      providerMessageId: storedMessageId(route, sid),
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
