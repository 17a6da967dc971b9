import { Body, Controller, Get, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { StationFeedService } from '@loa/radio';
import { Public } from '../auth/auth.decorators';
import { StationGuard } from '../auth/station.guard';
import type { LoaRequest } from '../http/request-context';

export class ConfirmBroadcastDto {
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'slot must be an HH:MM time' }) slot!: string;
  @Type(() => Date) @IsDate() airedAt!: Date;
  @IsOptional() @IsInt() @Min(1) @Max(4 * 3600) durationSeconds?: number;
  @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

/** The station partner API (authenticated by the station's own key). */
@ApiTags('stations')
@ApiHeader({ name: 'X-Station-Key', required: true })
@Public()
@UseGuards(StationGuard)
@Controller('stations/:code')
export class StationsController {
  constructor(private readonly feeds: StationFeedService) {}

  @Get('scripts')
  async scripts(@Req() req: LoaRequest) {
    const station = req.station!;
    return {
      station: { code: station.code, name: station.name, level: station.level },
      scripts: await this.feeds.scripts(station),
    };
  }

  @Post('scripts/:scriptId/confirmations')
  @HttpCode(201)
  async confirm(@Param('scriptId') scriptId: string, @Body() body: ConfirmBroadcastDto, @Req() req: LoaRequest) {
    const r = await this.feeds.confirm(req.station!, scriptId, {
      slot: body.slot,
      airedAt: body.airedAt,
      durationSeconds: body.durationSeconds ?? null,
      note: body.note ?? null,
    });
    return { scriptId, slot: body.slot, recorded: true, duplicate: !r.created };
  }
}
