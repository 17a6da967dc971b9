import { Controller, HttpCode, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EmailDispatchService } from '@loa/email';
import { Roles } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';
import { TestEmailSentDto } from './campaign-test-email.dto';
import { operator } from './operator';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/campaigns')
export class CampaignTestEmailController {
  constructor(private readonly email: EmailDispatchService) {}

  /**
   * Sends the campaign's dispatch e-mail once to the caller's own address, marked "[THỬ]" (no agency gets it, no
   * delivery is recorded; the test is audited). 404 for another organisation's campaign or one without e-mail.
   */
  @Post(':id/test-email')
  @HttpCode(200)
  @Roles('editor', 'approver')
  async send(@Param('id') id: string, @Req() req: LoaRequest): Promise<TestEmailSentDto> {
    const user = req.user!;
    const sent = await this.email.sendTest(
      operator(req),
      id,
      { name: user.displayName, email: user.email },
      req.requestId,
    );
    if (!sent) throw new NotFoundException('No such campaign with an e-mail channel');
    return { to: user.email, subject: sent.subject };
  }
}
