import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UnprocessableEntityException,
  UseGuards,
} from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createReadStream } from 'node:fs';
import {
  InvalidBroadcastError,
  SlotAlreadyAiredError,
  StationFeedService,
  WithdrawnScriptError,
  etagMatches,
  etagOf,
  renderCapFeed,
  renderFeedJson,
  renderRss,
} from '@loa/radio';
import { Public } from '../auth/auth.decorators';
import { StationGuard } from '../auth/station.guard';
import type { LoaRequest } from '../http/request-context';
import {
  BroadcastReportDto,
  ConfirmBroadcastDto,
  NotAiredDto,
  StationFeedDto,
  StationLogQuery,
  StationSlotLogDto,
} from './stations.dto';

/** Feeds are revalidated on every pull (ETag); each station key sees its own. */
function sendRevalidated(req: LoaRequest, res: Response, contentType: string, body: string): void {
  const etag = etagOf(body);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  res.setHeader('Vary', 'X-Station-Key');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (etagMatches(req.header('if-none-match'), etag)) {
    res.status(304).end();
    return;
  }
  res.status(200).type(contentType).send(body);
}

/** Station errors that the shared filter does not know, as HTTP answers. */
async function mapBroadcastErrors<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof WithdrawnScriptError) throw new ConflictException(e.message);
    if (e instanceof SlotAlreadyAiredError) throw new ConflictException(e.message);
    if (e instanceof InvalidBroadcastError) throw new UnprocessableEntityException(e.message);
    throw e;
  }
}

/**
 * The station partner API (authenticated by the station's own key): its feed as JSON, RSS 2.0 and CAP 1.2, the
 * audio of its scripts, and its broadcast reports.
 */
@ApiTags('stations')
@ApiHeader({ name: 'X-Station-Key', required: true })
@ApiParam({ name: 'code', description: "The station's code" })
@Public()
@UseGuards(StationGuard)
@Controller('stations/:code')
export class StationsController {
  constructor(private readonly feeds: StationFeedService) {}

  /** The station's scripts, its own and those it relays, with their audio (revalidated by ETag). */
  @Get('feed.json')
  @ApiOkResponse({ type: StationFeedDto })
  async feedJson(@Req() req: LoaRequest, @Res() res: Response): Promise<void> {
    sendRevalidated(req, res, 'application/json; charset=utf-8', renderFeedJson(await this.feeds.feed(req.station!)));
  }

  /** The original route, kept for the demo and older station software: the JSON feed. */
  @Get('scripts')
  async scripts(@Req() req: LoaRequest, @Res() res: Response): Promise<void> {
    return this.feedJson(req, res);
  }

  @Get('feed.rss')
  async feedRss(@Req() req: LoaRequest, @Res() res: Response): Promise<void> {
    sendRevalidated(req, res, 'application/rss+xml; charset=utf-8', renderRss(await this.feeds.feed(req.station!)));
  }

  /** CAP 1.2 alerts (Alert while running, Cancel once withdrawn), published as an Atom index. */
  @Get('feed.cap')
  async feedCap(@Req() req: LoaRequest, @Res() res: Response): Promise<void> {
    sendRevalidated(
      req,
      res,
      'application/atom+xml; charset=utf-8',
      renderCapFeed(await this.feeds.feed(req.station!)),
    );
  }

  @Get('audio/:file')
  async audio(@Param('file') file: string, @Req() req: LoaRequest, @Res() res: Response): Promise<void> {
    const m = /^([0-9a-f-]{36})\.(mp3|ogg|wav)$/i.exec(file);
    const audio = m ? await this.feeds.audioFile(req.station!, m[1]) : null;
    if (!audio || audio.extension !== m![2].toLowerCase()) throw new NotFoundException('No audio for this script');
    const etag = `"${audio.sha1 || `${audio.extension}-${audio.bytes}-${m![1]}`}"`;
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'private, max-age=300');
    if (etagMatches(req.header('if-none-match'), etag)) {
      res.status(304).end();
      return;
    }
    res.status(200).type(audio.mimeType).setHeader('Content-Length', String(audio.bytes));
    await new Promise<void>((resolve, reject) => {
      const stream = createReadStream(audio.path);
      stream.on('error', (e) => (res.headersSent ? (res.destroy(e), resolve()) : reject(new NotFoundException())));
      stream.on('end', () => resolve());
      stream.pipe(res);
    });
  }

  /** A broadcast report: idempotent per script, date and slot; refused for scripts not in this station's feed. */
  @Post('broadcasts')
  @HttpCode(201)
  async broadcast(@Body() body: BroadcastReportDto, @Req() req: LoaRequest) {
    const r = await mapBroadcastErrors(
      this.feeds.recordBroadcast(req.station!, {
        scriptId: body.scriptId,
        slot: body.slot,
        airedAt: body.airedAt,
        date: body.date ?? null,
        durationSeconds: body.durationSeconds ?? null,
        note: body.note ?? null,
      }),
    );
    return { scriptId: r.scriptId, slot: r.slot, date: r.date, recorded: true, duplicate: !r.created };
  }

  /** The station's own log, slot by slot: what it confirmed aired, said it could not air, or left unconfirmed. */
  @Get('broadcasts')
  log(@Query() q: StationLogQuery, @Req() req: LoaRequest): Promise<StationSlotLogDto[]> {
    return mapBroadcastErrors(this.feeds.log(req.station!, q.since ?? null));
  }

  /**
   * One slot the station could not air, and why (đã không phát được): marked missed by the station, the reason kept
   * for the department; a second report replaces the reason. 409 when the slot was confirmed aired.
   */
  @Post('scripts/:scriptId/not-aired')
  @HttpCode(201)
  async notAired(@Param('scriptId') scriptId: string, @Body() body: NotAiredDto, @Req() req: LoaRequest) {
    const r = await mapBroadcastErrors(this.feeds.reportNotAired(req.station!, scriptId, body));
    return { ...r, recorded: true };
  }

  @Post('scripts/:scriptId/confirmations')
  @HttpCode(201)
  async confirm(@Param('scriptId') scriptId: string, @Body() body: ConfirmBroadcastDto, @Req() req: LoaRequest) {
    const r = await mapBroadcastErrors(
      this.feeds.confirm(req.station!, scriptId, {
        slot: body.slot,
        airedAt: body.airedAt,
        date: body.date ?? null,
        durationSeconds: body.durationSeconds ?? null,
        note: body.note ?? null,
      }),
    );
    return { scriptId, slot: body.slot, date: r.date, recorded: true, duplicate: !r.created };
  }
}
