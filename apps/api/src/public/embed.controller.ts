import { PublicThrottle } from '../http/rate-limits';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BannerService } from '@loa/banner';
import { Public } from '../auth/auth.decorators';
import { isUuid } from '@loa/common';

const EMBED_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** Public banner endpoints that portals' iframes load. */
@ApiTags('embed')
@Public()
@PublicThrottle()
@Controller('embed')
export class EmbedController {
  constructor(private readonly banners: BannerService) {}

  @Get(':key')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', EMBED_CSP)
  @Header('Cache-Control', 'no-store')
  @Header('X-Content-Type-Options', 'nosniff')
  async embed(@Param('key') key: string): Promise<string> {
    const html = await this.banners.embed(key);
    if (html === null) throw new NotFoundException('Unknown portal key');
    return html;
  }

  /** Counts the click and redirects to the campaign's stored target (never a URL from the request). */
  @Get(':key/click/:campaignId')
  async click(@Param('key') key: string, @Param('campaignId') campaignId: string, @Res() res: Response): Promise<void> {
    const target = isUuid(campaignId) ? await this.banners.click(key, campaignId) : null;
    if (!target) throw new NotFoundException('No active banner for this portal and campaign');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.redirect(302, target);
  }
}
