import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  ParseIntPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import type { Response } from 'express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { RadioAmendmentsService, RadioRecordingsService, RadioRevisionsService } from '@loa/radio';
import { Roles } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';
import {
  AmendRadioPlanDto,
  DeclineAmendmentDto,
  RadioAmendmentListDto,
  RadioAudioListDto,
  RecordingTargetDto,
} from './campaign-radio.dto';
import { operator } from './operator';
import { RecordingUploadInterceptor, UploadedMemoryFile } from './upload-interceptors';
import { utf8FileName } from './utf8-file-name';

/** `:number` of an amendment: an integer, or 400 naming it. */
const AMENDMENT_NUMBER = new ParseIntPipe({
  exceptionFactory: () => new BadRequestException('number: số đề xuất phải là số nguyên / must be an integer'),
});

/**
 * The radio side of a campaign after its creation: amendments while on air (proposed, approved by a second person,
 * each then a revision stations see as an update), recordings uploaded instead of synthesised speech, and the audio state per station.
 */
@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/campaigns/:id/radio')
export class CampaignRadioController {
  constructor(
    private readonly revisions: RadioRevisionsService,
    private readonly amendments: RadioAmendmentsService,
    private readonly recordings: RadioRecordingsService,
  ) {}

  /**
   * Proposes an amendment of a running or paused campaign's radio plan (202); a different approver applies it with
   * POST …/radio/amendments/:number/approve. A request that changes nothing makes no proposal (200).
   */
  @Patch()
  @Roles('editor', 'approver')
  async propose(
    @Param('id') id: string,
    @Body() body: AmendRadioPlanDto,
    @Req() req: LoaRequest,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { reason, ...patch } = body;
    const proposed = await this.amendments.propose(operator(req), id, patch, reason, req.requestId);
    res.status(proposed.amendment ? HttpStatus.ACCEPTED : HttpStatus.OK);
    return proposed;
  }

  @Get('amendments')
  async amendmentList(@Param('id') id: string, @Req() req: LoaRequest): Promise<RadioAmendmentListDto> {
    return { amendments: await this.amendments.list(operator(req).organizationId, id) };
  }

  /** A second person signs the amendment off: it becomes the plan's next revision (stations see an update). */
  @Post('amendments/:number/approve')
  @HttpCode(HttpStatus.OK)
  @Roles('approver')
  async approveAmendment(
    @Param('id') id: string,
    @Param('number', AMENDMENT_NUMBER) number: number,
    @Req() req: LoaRequest,
  ) {
    return this.amendments.approve(operator(req), id, number, req.requestId);
  }

  /** Rejected by an approver, or withdrawn by its proposer. */
  @Post('amendments/:number/decline')
  @HttpCode(HttpStatus.OK)
  @Roles('editor', 'approver')
  async declineAmendment(
    @Param('id') id: string,
    @Param('number', AMENDMENT_NUMBER) number: number,
    @Body() body: DeclineAmendmentDto,
    @Req() req: LoaRequest,
  ) {
    return this.amendments.decline(operator(req), id, number, body.note ?? null, req.requestId);
  }

  @Get('revisions')
  async history(@Param('id') id: string, @Req() req: LoaRequest) {
    return { revisions: await this.revisions.history(operator(req).organizationId, id) };
  }

  @Get('audio')
  async audio(@Param('id') id: string, @Req() req: LoaRequest): Promise<RadioAudioListDto> {
    return { stations: await this.recordings.list(operator(req).organizationId, id) };
  }

  /**
   * A recording (MP3, WAV or Ogg, in the multipart field `file`) for every station of the plan, or for `?station=`.
   * Before launch an editor may upload (an approved campaign goes back for approval); on air only an approver.
   */
  @Post('recording')
  @Roles('editor', 'approver')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(RecordingUploadInterceptor)
  async upload(
    @Param('id') id: string,
    @Query() query: RecordingTargetDto,
    @UploadedFile() file: UploadedMemoryFile | undefined,
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
