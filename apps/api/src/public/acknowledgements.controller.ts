import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AckPage, AcknowledgementService, renderAckPage } from '@loa/email';
import { Public } from '../auth/auth.decorators';
import { PublicThrottle } from '../http/rate-limits';
import type { LoaRequest } from '../http/request-context';

/** Forged or unknown links are "not found"; expired ones "gone"; the rest are pages for people. */
function statusOf(page: AckPage): number {
  return page.kind === 'invalid' ? 404 : page.kind === 'expired' ? 410 : 200;
}

/**
 * The "Xác nhận đã nhận" link in each agency's dispatch e-mail: GET shows the letter and one button, POST records
 * the acknowledgement (mail gateways open links to scan them; only a person presses the button). No login: the
 * signed token is the agency's authority. HTML pages, not JSON: the people who open them are not programmers.
 */
@ApiExcludeController()
@Public()
@PublicThrottle()
@Controller('ack')
export class AcknowledgementsController {
  constructor(private readonly acks: AcknowledgementService) {}

  @Get(':token')
  async open(@Param('token') token: string, @Res() res: Response): Promise<void> {
    send(res, await this.acks.open(token));
  }

  @Post(':token')
  @HttpCode(200)
  async acknowledge(@Param('token') token: string, @Req() req: LoaRequest, @Res() res: Response): Promise<void> {
    const page = await this.acks.acknowledge(token, {
      clientIp: req.ip ?? null,
      userAgent: req.get('user-agent') ?? null,
      requestId: req.requestId,
    });
    send(res, page);
  }
}

function send(res: Response, page: AckPage): void {
  res
    .status(statusOf(page))
    .setHeader('Content-Type', 'text/html; charset=utf-8')
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Referrer-Policy', 'no-referrer')
    .setHeader('X-Robots-Tag', 'noindex')
    .send(renderAckPage(page));
}
