import { Controller, HttpCode, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { UsersAdminService } from '@loa/directory';
import { SmsTestSends } from '@loa/sms';
import { Roles } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';
import { TestSmsQueuedDto } from './campaign-test-email.dto';
import { operator } from './operator';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/campaigns')
export class CampaignTestSmsController {
  constructor(
    private readonly tests: SmsTestSends,
    private readonly users: UsersAdminService,
  ) {}

  /**
   * Sends the campaign's SMS once to the caller's own phone (their account's number), marked "[THỬ]": queued on
   * the carrier's own queue at once (202), sent by the worker that holds the carrier's connection; no subscriber
   * gets it, no delivery is recorded, the request and its outcome are audited. A second press within the same
   * minute sends nothing more. 422 `phone` when the account has no number; 404 for another organisation's
   * campaign or one without SMS.
   */
  @Post(':id/test-sms')
  @HttpCode(202)
  @Roles('editor', 'approver')
  async send(@Param('id') id: string, @Req() req: LoaRequest): Promise<TestSmsQueuedDto> {
    const actor = operator(req);
    const { phone } = await this.users.get(actor.organizationId, actor.id);
    const queued = await this.tests.request(actor, id, phone, req.requestId);
    if (!queued) throw new NotFoundException('No such campaign with an SMS channel');
    return queued;
  }
}
