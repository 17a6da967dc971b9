import { once } from 'node:events';
import { Readable, Transform, TransformCallback } from 'node:stream';
import {
  Inject,
  BadRequestException,
  Controller,
  Get,
  Logger,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
  Res,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import busboy from 'busboy';
import type { Response } from 'express';
import { CampaignsService, NotFoundError } from '@loa/campaigns';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { UTF8_BOM, csvRow } from '@loa/common';
import { AudienceFileError, AudienceImportService } from '@loa/sms';
import { Roles } from '../auth/auth.decorators';
import type { LoaRequest } from '../http/request-context';
import { AudienceImportCountsDto } from './audience-import.dto';
import { operator } from './operator';

/** Media types a CSV arrives as (Windows browsers label .csv files application/vnd.ms-excel). */
const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];
const MAX_COLUMN_NAME = 100;

function tooLarge(maxBytes: number): PayloadTooLargeException {
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  return new PayloadTooLargeException(`Tệp quá lớn (tối đa ${mb} MB) / file too large (at most ${mb} MB)`);
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0].trim().toLowerCase();
}

/** Passes bytes through and fails with 413 past the limit (a raw body has no multipart limit to rely on). */
class ByteLimit extends Transform {
  private seen = 0;
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.maxBytes) return done(tooLarge(this.maxBytes));
    done(null, chunk);
  }
}

interface Upload {
  stream: Readable;
  fileName: string | null;
}

/** A raw `text/csv` body, or the `file` part of a multipart form, as a stream (never buffered whole). */
function openUpload(req: LoaRequest, maxBytes: number): Promise<Upload> {
  const type = mediaType(req.headers['content-type']);
  if (CSV_TYPES.includes(type)) {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
    const limited = new ByteLimit(maxBytes);
    req.on('close', () => {
      if (!req.complete) limited.destroy(new BadRequestException('Tải lên bị ngắt / upload aborted'));
    });
    req.pipe(limited);
    return Promise.resolve({ stream: limited, fileName: null });
  }
  if (type === 'multipart/form-data') return multipartFile(req, maxBytes);
  throw new UnsupportedMediaTypeException(
    `Cần tệp CSV (text/csv) trong trường "file" hoặc thân yêu cầu text/csv / ` +
      `send a CSV file (text/csv or text/plain) in the multipart field "file", or a text/csv body; got ${type || 'nothing'}`,
  );
}

function multipartFile(req: LoaRequest, maxBytes: number): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: maxBytes, files: 1, fields: 20, parts: 40 },
        defParamCharset: 'utf8',
      });
    } catch (err) {
      reject(new BadRequestException(`multipart: ${err instanceof Error ? err.message : String(err)}`));
      return;
    }
    let handed: Readable | null = null;
    let settled = false;
    const settle = (fn: () => void) => {
      if (!settled) {
        settled = true;
        fn();
      }
    };
    parser.on('file', (name, file, info) => {
      if (settled || name !== 'file') {
        file.resume();
        return;
      }
      if (!CSV_TYPES.includes(info.mimeType.toLowerCase())) {
        file.resume();
        settle(() =>
          reject(
            new UnsupportedMediaTypeException(
              `Tệp phải là CSV (text/csv) / file must be a CSV (text/csv or text/plain), got ${info.mimeType}`,
            ),
          ),
        );
        return;
      }
      file.on('limit', () => file.destroy(tooLarge(maxBytes)));
      handed = file;
      settle(() => resolve({ stream: file, fileName: info.filename ?? null }));
    });
    parser.on('error', (err: unknown) => {
      const e = new BadRequestException(`multipart: ${err instanceof Error ? err.message : String(err)}`);
      handed?.destroy(e);
      settle(() => reject(e));
    });
    parser.on('close', () =>
      settle(() =>
        reject(new BadRequestException(['Thiếu trường "file" / the multipart field "file" (a CSV file) is missing'])),
      ),
    );
    req.on('close', () => {
      if (!req.complete) handed?.destroy(new BadRequestException('Tải lên bị ngắt / upload aborted'));
    });
    req.pipe(parser);
  });
}

/** After a refusal: read and drop what is left of the body so the client gets the answer (not a reset). */
function discardBody(req: LoaRequest, closeConnection: boolean): void {
  req.unpipe();
  if (req.complete) return;
  if (closeConnection) req.res?.setHeader('connection', 'close');
  req.resume();
}

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/campaigns')
export class AudienceController {
  private readonly logger = new Logger(AudienceController.name);
  /** AUDIENCE_IMPORT_MAX_BYTES (libs/config). */
  private readonly maxBytes: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly campaigns: CampaignsService,
    private readonly imports: AudienceImportService,
  ) {
    this.maxBytes = config.audience.importMaxBytes;
  }

  /**
   * Adds subscribers from a CSV (header row; a phone column such as `phone`, `sdt` or `Số điện thoại`, or the
   * one named by `?column=`), streamed into the campaign's audience. Edits the campaign: an approved campaign
   * goes back for approval. Bad rows are counted and downloadable with their reasons.
   */
  @Post(':id/audience')
  @Roles('editor')
  @ApiConsumes('multipart/form-data', 'text/csv')
  @ApiQuery({ name: 'column', required: false, description: 'Header of the phone-number column' })
  @ApiQuery({
    name: 'areaColumn',
    required: false,
    description: 'Header of the column saying where each subscriber is ("Địa bàn", "Xã/Phường" found by default)',
  })
  async import(
    @Param('id') id: string,
    @Query('column') column: string | undefined,
    @Query('areaColumn') areaColumn: string | undefined,
    @Req() req: LoaRequest,
  ): Promise<AudienceImportCountsDto> {
    const actor = operator(req);
    try {
      for (const [name, value] of [
        ['column', column],
        ['areaColumn', areaColumn],
      ] as const) {
        if (value !== undefined && (typeof value !== 'string' || value.length > MAX_COLUMN_NAME)) {
          throw new BadRequestException([`${name} must be a header name of at most ${MAX_COLUMN_NAME} characters`]);
        }
      }
      const campaign = await this.campaigns.audienceImportTarget(actor.organizationId, id);
      const place = await this.campaigns.audiencePlaceFilter(actor.organizationId, campaign, areaColumn ?? null);
      const upload = await openUpload(req, this.maxBytes);
      const importId = await this.imports.begin(campaign.id, actor.id, upload.fileName);
      return await this.imports.run({
        importId,
        campaignId: campaign.id,
        source: upload.stream,
        column: column ?? null,
        place,
        beforeCommit: (m, counts) =>
          this.campaigns.recordAudienceImport(
            m,
            actor,
            campaign.id,
            { ...counts, fileName: upload.fileName },
            req.requestId,
          ),
      });
    } catch (err) {
      discardBody(req, err instanceof PayloadTooLargeException);
      if (err instanceof AudienceFileError) throw new UnprocessableEntityException(err.message);
      throw err;
    }
  }

  /**
   * The rows an import could not use, with line number and reason: CSV, UTF-8 with BOM (Excel), every cell
   * neutralised against formula injection; streamed a page at a time.
   */
  @Get(':id/audience/imports/:importId/rejects.csv')
  @ApiProduces('text/csv')
  async rejects(
    @Param('id') id: string,
    @Param('importId') importId: string,
    @Req() req: LoaRequest,
    @Res() res: Response,
  ): Promise<void> {
    const campaign = await this.campaigns.get(operator(req).organizationId, id);
    const found = await this.imports.find(campaign.id, importId);
    if (!found) throw new NotFoundError('audience import', importId);
    res.status(200);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', `attachment; filename="audience-rejects-${found.id}.csv"`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-import-status', found.status);
    const write = async (chunk: string): Promise<void> => {
      if (!res.write(chunk)) await Promise.race([once(res, 'drain'), once(res, 'close')]);
    };
    try {
      await write(UTF8_BOM + csvRow(['Dòng / Line', 'Giá trị / Input', 'Lý do / Reason']));
      for await (const page of this.imports.rejects(found.id)) {
        if (res.destroyed) return;
        await write(page.map((r) => csvRow([r.lineNo, r.input, r.reason])).join(''));
      }
      res.end();
    } catch (err) {
      // Headers are gone already: cut the download short rather than end it as if it were complete.
      this.logger.error(`rejects download for import ${found.id} failed: ${String(err)}`);
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
