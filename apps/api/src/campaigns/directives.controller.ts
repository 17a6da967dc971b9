import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  UnsupportedMediaTypeException,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CampaignReportService } from '@loa/campaigns';
import { DirectiveIntakeService, DirectivesRepository } from '@loa/directives';
import { Roles } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';
import {
  DirectiveCampaignDto,
  DirectiveIntakeDto,
  DirectiveListPageDto,
  DirectiveListQuery,
  MAX_DIRECTIVE_BYTES,
} from './directive.dto';
import { operator } from './operator';

/** What multer (memory storage) hands over for the `file` field. */
interface UploadedTextFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

const MIN_LETTER_CHARS = 20;

/** Only plain-text uploads; the size limit is multer's (413 beyond it). */
function textPlainOnly(
  _req: unknown,
  file: { mimetype: string },
  callback: (error: Error | null, accept: boolean) => void,
): void {
  if (file.mimetype === 'text/plain') callback(null, true);
  else {
    callback(
      new UnsupportedMediaTypeException(
        `file must be a text/plain (.txt) file, got ${file.mimetype} / tệp phải là văn bản thuần (.txt)`,
      ),
      false,
    );
  }
}

/** The letter from the JSON `text` or the uploaded `file` (UTF-8); 400 naming the field when neither is usable. */
function letterText(body: DirectiveIntakeDto, file: UploadedTextFile | undefined): string {
  if (file && body.text !== undefined) throw new BadRequestException(['send either text or file, not both']);
  if (!file) {
    if (typeof body.text !== 'string') {
      throw new BadRequestException([
        `text must be a string of at least ${MIN_LETTER_CHARS} characters (or upload a .txt file in the field "file")`,
      ]);
    }
    return body.text;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
  } catch {
    throw new BadRequestException(['file must be UTF-8 text / tệp phải được mã hóa UTF-8']);
  }
  if (text.trim().length < MIN_LETTER_CHARS) {
    throw new BadRequestException([`file must hold a letter of at least ${MIN_LETTER_CHARS} characters`]);
  }
  if (text.includes('\u0000')) throw new BadRequestException(['file must not contain NUL characters']);
  return text;
}

@ApiTags('directives')
@ApiBearerAuth()
@Controller('api/directives')
export class DirectivesController {
  constructor(
    private readonly intake: DirectiveIntakeService,
    private readonly reports: CampaignReportService,
    private readonly directives: DirectivesRepository,
  ) {}

  /** The organisation's letters, newest first, with how many campaigns each has. */
  @Get()
  async index(@Query() q: DirectiveListQuery, @Req() req: LoaRequest): Promise<DirectiveListPageDto> {
    const { page, pageSize } = q;
    const { items, total } = await this.directives.list(operator(req).organizationId, { q: q.q, page, pageSize });
    return { items, total, page, pageSize };
  }

  /** Keeps the letter, extracts its fields and proposes its campaign (`plan`), matched to the directory. */
  @Post()
  @Roles('editor')
  @ApiConsumes('application/json', 'multipart/form-data')
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: MAX_DIRECTIVE_BYTES, files: 1 }, fileFilter: textPlainOnly }),
  )
  async create(
    @Body() body: DirectiveIntakeDto,
    @UploadedFile() file: UploadedTextFile | undefined,
    @Req() req: LoaRequest,
  ) {
    const { directive: d, plan } = await this.intake.intake(operator(req), letterText(body, file), req.requestId);
    return { id: d.id, documentCode: d.documentCode, subject: d.subject, fields: d.fields, plan };
  }

  /** The directive with its text and its (recomputed) proposal; 404 for another organisation's. */
  @Get(':id')
  async get(@Param('id') id: string, @Req() req: LoaRequest) {
    const { directive: d, plan } = await this.intake.planFor(operator(req).organizationId, id);
    return { id: d.id, documentCode: d.documentCode, subject: d.subject, fields: d.fields, text: d.rawText, plan };
  }

  /** A draft campaign from the proposal with the editor's changes (left-out parts fall back to the proposal). */
  @Post(':id/campaign')
  @Roles('editor')
  async campaign(@Param('id') id: string, @Body() body: DirectiveCampaignDto, @Req() req: LoaRequest) {
    const { campaign, audience } = await this.intake.createCampaign(operator(req), id, body, req.requestId);
    return {
      ...(await this.reports.report(campaign)),
      audience: audience && {
        accepted: audience.accepted.length,
        duplicates: audience.duplicates,
        rejected: audience.rejected,
      },
    };
  }
}
