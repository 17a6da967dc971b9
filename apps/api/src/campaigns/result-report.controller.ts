import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DOCX_MEDIA_TYPE, ResultReportService } from '@loa/directives';
import type { LoaRequest } from '../http/request-context';
import { contentDisposition } from '../http/content-disposition';
import { operator } from './operator';
import { ResultReportQuery } from './result-report.dto';

@ApiTags('campaigns')
@ApiBearerAuth()
@Controller('api/campaigns')
export class ResultReportController {
  constructor(private readonly reports: ResultReportService) {}

  /**
   * The result report letter (báo cáo kết quả) to the authority that issued the campaign's directive, laid out as
   * Decree 30 asks, with the campaign's figures as they stand: DOCX to edit and sign, or PDF.
   */
  @Get(':id/result-report')
  @ApiProduces(DOCX_MEDIA_TYPE, 'application/pdf')
  @ApiOkResponse({ description: 'The report letter', schema: { type: 'string', format: 'binary' } })
  async download(
    @Param('id') id: string,
    @Query() q: ResultReportQuery,
    @Req() req: LoaRequest,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.reports.render(operator(req).organizationId, id, {
      format: q.format ?? 'docx',
      recipient: q.recipient?.normalize('NFC'),
      signerTitle: q.signerTitle?.normalize('NFC'),
      signerName: q.signerName?.normalize('NFC'),
    });
    res.setHeader('content-type', file.mediaType);
    res.setHeader('content-length', String(file.bytes.length));
    res.setHeader('content-disposition', contentDisposition(file.fileName, 'bao-cao-ket-qua'));
    res.setHeader('cache-control', 'private, no-store');
    res.end(file.bytes);
  }
}
