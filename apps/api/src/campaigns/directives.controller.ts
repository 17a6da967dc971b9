import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpException,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CampaignReportService } from '@loa/campaigns';
import {
  DOCX_MEDIA_TYPE,
  type DirectiveFields,
  directiveFieldsView,
  DirectiveIntakeService,
  DirectivesRepository,
  LetterFileError,
  LetterFileErrorCode,
  MIN_LETTER_CHARS,
} from '@loa/directives';
import { Roles } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';
import {
  DirectiveCampaignDto,
  DirectiveCorrectionDto,
  DirectiveIntakeDto,
  DirectiveListPageDto,
  DirectiveListQuery,
  DirectiveOriginalDto,
  MAX_DIRECTIVE_BYTES,
} from './directive.dto';
import { operator } from './operator';
import { contentDisposition } from '../http/content-disposition';

/** What multer (memory storage) hands over for the `file` field. */
interface UploadedLetterFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * Media types a letter file may be sent with. They only let the upload through: what the file is is decided by its
 * content (magic bytes), and a type that names another format than the content is refused (format_mismatch).
 */
const LETTER_UPLOAD_TYPES = new Set([
  'text/plain',
  'application/pdf',
  'application/x-pdf',
  DOCX_MEDIA_TYPE,
  'application/octet-stream',
  'binary/octet-stream',
  '',
]);

/** Plain text, PDF, DOCX or a generic binary type; the size limit is multer's (413 beyond it). */
function letterFilesOnly(
  _req: unknown,
  file: { mimetype: string },
  callback: (error: Error | null, accept: boolean) => void,
): void {
  if (LETTER_UPLOAD_TYPES.has(file.mimetype.split(';')[0].trim().toLowerCase())) callback(null, true);
  else {
    callback(
      new UnsupportedMediaTypeException(
        `tệp phải là .txt (UTF-8), .docx hoặc .pdf / file must be a .txt (UTF-8), .docx or .pdf file, got ${file.mimetype}`,
      ),
      false,
    );
  }
}

const UNSUPPORTED = [HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'Unsupported Media Type'] as const;
const UNREADABLE = [HttpStatus.UNPROCESSABLE_ENTITY, 'Unprocessable Entity'] as const;

/** HTTP status of each reason a letter file cannot be read (a scan OCR cannot read, or no OCR here: 422). */
const LETTER_FILE_STATUS: Readonly<Record<LetterFileErrorCode, readonly [number, string]>> = {
  unsupported_format: UNSUPPORTED,
  format_mismatch: UNSUPPORTED,
  too_large_uncompressed: [HttpStatus.PAYLOAD_TOO_LARGE, 'Payload Too Large'],
  corrupt: UNREADABLE,
  encrypted: UNREADABLE,
  no_text_layer: UNREADABLE,
  ocr_unavailable: UNREADABLE,
  too_many_pages: UNREADABLE,
};

/** A LetterFileError as an HTTP error whose body names the problem (`code`) and says it in both languages. */
function letterFileHttpError(e: LetterFileError): HttpException {
  const [status, error] = LETTER_FILE_STATUS[e.code];
  return new HttpException({ statusCode: status, error, code: e.code, message: e.message }, status);
}

/** The pasted letter from the JSON `text`; 400 naming the field when it is unusable or sent together with a file. */
function pastedText(body: DirectiveIntakeDto, file: UploadedLetterFile | undefined): string | null {
  if (file && body.text !== undefined) throw new BadRequestException(['send either text or file, not both']);
  if (file) return null;
  if (typeof body.text !== 'string') {
    throw new BadRequestException([
      `text must be a string of at least ${MIN_LETTER_CHARS} characters (or upload a .txt, .docx or .pdf file in the field "file")`,
    ]);
  }
  return body.text;
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

  /**
   * Keeps the letter, extracts its fields and proposes its campaign (`plan`), matched to the directory. An uploaded
   * file (.txt, .docx, or .pdf with a text layer) is read by its content and kept as the directive's `original`;
   * one that cannot be read gets a 4xx whose `code` names the problem, and nothing is stored.
   */
  @Post()
  @Roles('editor')
  @ApiConsumes('application/json', 'multipart/form-data')
  @UseInterceptors(
    FileInterceptor('file', {
      limits: { fileSize: MAX_DIRECTIVE_BYTES, files: 1 },
      fileFilter: letterFilesOnly,
      defParamCharset: 'utf8',
    }),
  )
  async create(
    @Body() body: DirectiveIntakeDto,
    @UploadedFile() file: UploadedLetterFile | undefined,
    @Req() req: LoaRequest,
  ) {
    const text = pastedText(body, file);
    let intake: Awaited<ReturnType<DirectiveIntakeService['intake']>>;
    try {
      intake =
        text !== null
          ? await this.intake.intake(operator(req), text, req.requestId)
          : await this.intake.intakeFile(
              operator(req),
              { bytes: file!.buffer, fileName: file!.originalname, mediaType: file!.mimetype },
              req.requestId,
            );
    } catch (e) {
      throw e instanceof LetterFileError ? letterFileHttpError(e) : e;
    }
    return this.view(intake);
  }

  /** The directive with its text, its original file's description and its (recomputed) proposal; 404 for another organisation's. */
  @Get(':id')
  async get(@Param('id') id: string, @Req() req: LoaRequest) {
    return this.view(await this.intake.planFor(operator(req).organizationId, id));
  }

  /** Corrects what Loa read (an editor): the directive and its proposal as they now read; 422 names a bad field. */
  @Patch(':id')
  @Roles('editor')
  async correct(@Param('id') id: string, @Body() body: DirectiveCorrectionDto, @Req() req: LoaRequest) {
    return this.view(await this.intake.correct(operator(req), id, body, req.requestId));
  }

  /** The file the directive was uploaded as, byte for byte, with its media type; 404 for a pasted letter. */
  @Get(':id/original')
  @ApiProduces('application/pdf', DOCX_MEDIA_TYPE, 'text/plain')
  @ApiOkResponse({ description: 'The original file', schema: { type: 'string', format: 'binary' } })
  async original(@Param('id') id: string, @Req() req: LoaRequest, @Res() res: Response): Promise<void> {
    const f = await this.intake.originalFile(operator(req).organizationId, id);
    res.setHeader('content-type', f.mediaType);
    res.setHeader('content-length', String(f.size));
    res.setHeader('content-disposition', contentDisposition(f.fileName, `cong-van-${id}`));
    res.setHeader('x-content-sha256', f.sha256);
    res.setHeader('cache-control', 'private, no-store');
    res.end(f.bytes);
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

  /**
   * What POST and GET answer alike: the letter's fields, the text read (from a file: what was found in it, so the
   * console can show it beside the fields), its original file's description and the plan proposal.
   */
  private view({ directive: d, plan }: Awaited<ReturnType<DirectiveIntakeService['planFor']>>) {
    const original: DirectiveOriginalDto | null = this.intake.originalOf(d);
    return {
      id: d.id,
      documentCode: d.documentCode,
      subject: d.subject,
      fields: directiveFieldsView(d.fields as unknown as DirectiveFields),
      text: d.rawText,
      original,
      plan,
    };
  }
}
