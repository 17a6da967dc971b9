import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  Patch,
  Post,
  Query,
  Req,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { RadioRecordingsService, RadioRevisionsService, radioConfig } from '@loa/radio';
import { Roles } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';
import { AmendRadioPlanDto, RecordingTargetDto } from './campaign-radio.dto';
import { operator } from './operator';

/** What multer (memory storage) hands over for the `file` field. */
interface UploadedAudioFile {
  originalname: string;
  size: number;
  buffer: Buffer;
}

/**
 * The radio side of a campaign after its creation: amendments while on air (each a revision stations see as an
 * update), recordings uploaded instead of synthesised speech, and the audio state per station.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/campaigns/:id/radio')
export class CampaignRadioController {
  constructor(
    private readonly revisions: RadioRevisionsService,
    private readonly recordings: RadioRecordingsService,
  ) {}

  /** Amends the radio plan of a running or paused campaign; an approver signs it off by making it. */
  @Patch()
  @Roles('approver')
  async amend(@Param('id') id: string, @Body() body: AmendRadioPlanDto, @Req() req: LoaRequest) {
    const { reason, ...patch } = body;
    return this.revisions.amend(operator(req), id, patch, reason, req.requestId);
  }

  @Get('revisions')
  async history(@Param('id') id: string, @Req() req: LoaRequest) {
    return { revisions: await this.revisions.history(operator(req).organizationId, id) };
  }

  @Get('audio')
  async audio(@Param('id') id: string, @Req() req: LoaRequest) {
    return { stations: await this.recordings.list(operator(req).organizationId, id) };
  }

  /**
   * A recording (MP3, WAV or Ogg, in the multipart field `file`) for every station of the plan, or for `?station=`.
   * Before launch an editor may upload (an approved campaign goes back for approval); on air only an approver.
   */
  @Post('recording')
  @Roles('editor', 'approver')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: radioConfig().uploadMaxBytes, files: 1, fields: 5 } }))
  async upload(
    @Param('id') id: string,
    @Query() query: RecordingTargetDto,
    @UploadedFile() file: UploadedAudioFile | undefined,
    @Req() req: LoaRequest,
  ) {
    return this.recordings.upload(
      operator(req),
      id,
      file ? { bytes: file.buffer, originalName: utf8FileName(file.originalname) } : null,
      query.station ?? null,
      req.requestId,
    );
  }

  /** Takes recordings back (all stations of the plan, or `?station=`); synthesised speech airs instead. */
  @Delete('recording')
  @Roles('editor', 'approver')
  async removeRecording(@Param('id') id: string, @Query() query: RecordingTargetDto, @Req() req: LoaRequest) {
    return this.recordings.remove(operator(req), id, query.station ?? null, req.requestId);
  }
}

/** Multipart file names arrive decoded as Latin-1; most clients send UTF-8 ("Thông báo.mp3"). */
function utf8FileName(name: string): string {
  if (![...name].every((c) => c.charCodeAt(0) < 256)) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded.normalize('NFC');
}
