import { Injectable, NotFoundException } from '@nestjs/common';
import { CampaignReport, CampaignReportService, CampaignsService } from '@loa/campaigns';
import { DirectorySnapshotRepository } from '@loa/directory';
import { DirectivesRepository } from '../directives.repository';
import type { DirectiveFields } from '../extract';
import { senderOf } from '../plan';
import { letterSigner, signerToday } from '../letter-signer';
import { OrganizationLineage, vietnamDay } from '@loa/admin-units';
import { ResultFigures, ResultReportInput, composeResultReport } from './compose-result-report';
import { DOCX_MEDIA_TYPE } from '../files/letter-format';
import { renderResultReportDocx, renderResultReportPdf } from './render-result-report';

export type ResultReportFormat = 'docx' | 'pdf';

export interface ResultReportOptions {
  format: ResultReportFormat;
  /** Another authority to report to; by default the directive's issuer, or the body that carries its work today. */
  recipient?: string | null;
  signerTitle?: string | null;
  signerName?: string | null;
  now?: Date;
}

/** "Sở Văn hóa, Thể thao và Du lịch thành phố Cần Thơ" → "SVHTTDL": the symbol after "/BC-". */
export function organisationAbbreviation(name: string): string | null {
  const core = name.split(/\s+(?:tỉnh|thành phố)\s+/iu)[0];
  const initials = core
    .split(/[\s,]+/u)
    .filter((w) => w && w.toLowerCase() !== 'và')
    .map((w) => w.charAt(0).toUpperCase())
    .join('');
  return initials.length >= 2 ? initials.normalize('NFC') : null;
}

/** "UBND tỉnh Sóc Trăng", or "UBND thành phố Cần Thơ" when the organisation's name says it is a city's. */
function parentAuthorityOf(name: string, province: string): string {
  return /thành phố/iu.test(name) && name.includes(province) ? `UBND thành phố ${province}` : `UBND tỉnh ${province}`;
}

/** What the campaign report counts, as the result letter states it. */
export function resultFigures(report: CampaignReport): ResultFigures {
  const c = report.channels;
  const figures: ResultFigures = {};
  if (c.sms) {
    figures.sms = {
      subscribers: c.sms.total - c.sms.cancelled - c.sms.opted_out,
      segments: c.sms.segments,
      delivered: c.sms.delivered,
      failed: c.sms.failed,
      unconfirmed: c.sms.sent + c.sms.unknown + c.sms.expired,
      byCarrier: Object.entries(c.sms.byCarrier).map(([carrier, k]) => ({
        carrier,
        messages: k.total - k.cancelled - k.opted_out,
        delivered: k.delivered,
        failed: k.failed,
      })),
    };
  }
  if (c.email) {
    figures.email = {
      agencies: c.email.total,
      sent: c.email.sent + c.email.delivered,
      failed: c.email.failed + c.email.expired + c.email.unknown,
      acknowledged: c.email.acknowledged,
    };
  }
  if (c.banner) figures.banner = { portals: c.banner.portals, impressions: c.banner.served, clicks: c.banner.clicked };
  if (c.radioBroadcasts) {
    const t = c.radioBroadcasts.totals;
    figures.radio = {
      stations: c.radioBroadcasts.stations.length,
      slotsAired: t.aired,
      slotsMissed: t.missed,
      slotsPending: t.pending,
    };
  } else if (c.radio) {
    figures.radio = { stations: c.radio.stations, slotsAired: c.radio.confirmed, slotsMissed: 0, slotsPending: 0 };
  }
  return figures;
}

/** Everything the letter says, from the organisation, the directive as read, the campaign and its report (pure). */
export function resultReportInput(parts: {
  organization: { name: string; province: string };
  directive: { fields: DirectiveFields; documentCode: string | null; subject: string | null };
  campaign: { title: string; startsAt: Date; endsAt: Date };
  report: CampaignReport;
  options: Omit<ResultReportOptions, 'format'>;
  /** The body that carries the issuer's work today, when the issuer itself no longer exists (see signerToday). */
  issuerToday?: string | null;
}): ResultReportInput {
  const { organization: org, directive, options: opts } = parts;
  const issuer = senderOf(directive.fields).display;
  return {
    sender: {
      name: org.name,
      parentAuthority: parentAuthorityOf(org.name, org.province),
      place: org.province,
      abbreviation: organisationAbbreviation(org.name),
    },
    recipient: opts.recipient?.trim() || parts.issuerToday || issuer || 'Cơ quan ban hành văn bản',
    directive: {
      documentType: directive.fields.documentType,
      documentCode: directive.documentCode,
      date: directive.fields.date,
      issuer,
      subject: directive.subject,
    },
    campaign: { title: parts.campaign.title, startsAt: parts.campaign.startsAt, endsAt: parts.campaign.endsAt },
    figures: resultFigures(parts.report),
    signer: { title: opts.signerTitle?.trim() || 'GIÁM ĐỐC', name: opts.signerName?.trim() || null },
    date: opts.now ?? new Date(),
  };
}

/**
 * The result report of a campaign (báo cáo kết quả) to the authority that issued its directive, as DOCX or PDF,
 * with the figures the campaign report holds right now.
 */
@Injectable()
export class ResultReportService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly reports: CampaignReportService,
    private readonly directives: DirectivesRepository,
    private readonly directory: DirectorySnapshotRepository,
    private readonly lineage: OrganizationLineage,
  ) {}

  async render(
    organizationId: string,
    campaignId: string,
    opts: ResultReportOptions,
  ): Promise<{ bytes: Buffer; mediaType: string; fileName: string }> {
    const campaign = await this.campaigns.get(organizationId, campaignId);
    const directive = await this.directives.get(organizationId, campaign.directiveId);
    const org = await this.directory.organization(organizationId);
    if (!directive || !org) throw new NotFoundException('The campaign has no directive or organisation');
    const fields = directive.fields as unknown as DirectiveFields;
    const today = vietnamDay(opts.now ?? new Date());
    const report = composeResultReport(
      resultReportInput({
        organization: org,
        directive: {
          fields,
          documentCode: directive.documentCode,
          subject: directive.subject,
        },
        campaign,
        report: await this.reports.report(campaign),
        options: opts,
        issuerToday: signerToday(letterSigner(this.lineage, fields, today, org.lineageCode)),
      }),
    );
    const bytes = opts.format === 'pdf' ? await renderResultReportPdf(report) : await renderResultReportDocx(report);
    return {
      bytes,
      mediaType: opts.format === 'pdf' ? 'application/pdf' : DOCX_MEDIA_TYPE,
      fileName: `bao-cao-ket-qua-${campaign.id.slice(0, 8)}.${opts.format}`,
    };
  }
}
