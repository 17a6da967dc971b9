import {
  AdminUnitMap,
  OrganizationLineage,
  proposeArea,
  provinceNamed,
  unitRef,
  type UnitRef,
  vietnamDay,
} from '@loa/admin-units';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@loa/config';
import { Actor } from '@loa/audit';
import { CampaignCreated, CampaignsService, NotFoundError, UnprocessableError } from '@loa/campaigns';
import { DirectiveEntity } from '@loa/db';
import { CampaignEdits, campaignFromPlan } from './campaign-from-plan';
import { DirectiveCorrections, DirectiveFields, extractDirective } from './extract';
import { DirectiveOriginalInfo, DirectivesService, originalInfo } from './directives.service';
import { readLetterFile } from './files';
import { DirectoryMatchService } from './directory-match.service';
import { LetterSignerView, letterSigner } from './letter-signer';
import { loadOfficialDomains } from './official-domains.loader';
import {
  ChannelPlanProposal,
  DirectoryMatch,
  PlanNote,
  ProposedChannels,
  isOfficialHost,
  proposeChannelPlan,
  proposeChannels,
  provinceKey,
} from './plan';

/** The proposal for one directive, matched to the caller's directory: what POST /api/directives returns as `plan`. */
export interface DirectivePlan extends Omit<ChannelPlanProposal, 'channels'> {
  /** Where each entry lands in the caller's directory, and the entries that land nowhere. */
  readonly directory: DirectoryMatch;
  /**
   * The proposed channels (those whose entries matched the directory) in the shape of CreateCampaignDto's
   * `channels`, ready to edit and post back; the SMS subscribers are the editor's to add.
   */
  readonly channels: ProposedChannels;
  /**
   * The area the letter is for: the provinces in force today that the units it names lie in (its organisation's
   * when it names none), and the lower units it names, for the editor to narrow the area to.
   */
  readonly area: ProposedArea;
  /**
   * Who signed the letter as the departments' lineage knows it (config/organizations): the body then, the body or
   * bodies carrying its work today, and whether it is the caller's organisation or one it grew out of; null when
   * the lineage does not list the signer.
   */
  readonly issuer: LetterSignerView | null;
}

/** A unit the letter names, with what it is today. */
export interface MentionedUnit extends UnitRef {
  readonly now: UnitRef[];
}

export interface ProposedArea {
  readonly proposed: UnitRef[];
  readonly mentioned: MentionedUnit[];
}

/** An uploaded letter file as received. */
export interface LetterUpload {
  readonly bytes: Uint8Array;
  readonly fileName?: string;
  /** What the client said it is; the content decides (see detectLetterFormat). */
  readonly mediaType?: string;
}

/** Fewest characters a letter may have, pasted or read from a file. */
export const MIN_LETTER_CHARS = 20;

/** Intake of a directive: keep it, propose its campaign, and create the campaign from the edited proposal. */
@Injectable()
export class DirectiveIntakeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directives: DirectivesService,
    private readonly directory: DirectoryMatchService,
    private readonly campaigns: CampaignsService,
    private readonly units: AdminUnitMap,
    private readonly lineage: OrganizationLineage,
  ) {}

  async intake(
    actor: Actor & { type: 'user' },
    text: string,
    requestId: string | null,
  ): Promise<{ directive: DirectiveEntity; plan: DirectivePlan }> {
    const directive = await this.directives.create(actor, text, requestId);
    return { directive, plan: await this.plan(actor.organizationId, directive) };
  }

  /**
   * Intake of an uploaded file (.txt, .docx, or .pdf with a text layer, told apart by content): its text is read
   * and kept as the letter, the file itself as the original. Throws LetterFileError for a file that cannot be read
   * (nothing is stored) and UnprocessableError for one that holds too little text.
   */
  async intakeFile(
    actor: Actor & { type: 'user' },
    file: LetterUpload,
    requestId: string | null,
  ): Promise<{ directive: DirectiveEntity; plan: DirectivePlan }> {
    const { text, mediaType, readBy } = await readLetterFile(
      file.bytes,
      file.fileName,
      file.mediaType,
      this.config.ocr,
    );
    if (text.trim().length < MIN_LETTER_CHARS) {
      throw new UnprocessableError(
        'file',
        `Tệp phải chứa một văn bản ít nhất ${MIN_LETTER_CHARS} ký tự / file must hold a letter of at least ${MIN_LETTER_CHARS} characters`,
      );
    }
    const original = { bytes: file.bytes, mediaType, fileName: file.fileName?.normalize('NFC') || null, readBy };
    const directive = await this.directives.create(actor, text, requestId, original);
    return { directive, plan: await this.plan(actor.organizationId, directive) };
  }

  /** What the API tells about a directive's original file, or null for a pasted letter. */
  originalOf(directive: DirectiveEntity): DirectiveOriginalInfo | null {
    return originalInfo(directive);
  }

  /** The original file's bytes and description; NotFoundError (404) when the directive or its file is missing. */
  async originalFile(organizationId: string, directiveId: string): Promise<DirectiveOriginalInfo & { bytes: Buffer }> {
    const original = await this.directives.original(organizationId, directiveId);
    if (!original) throw new NotFoundError('directive original file', directiveId);
    return original;
  }

  /** The plan for a directive of this organisation; NotFoundError (404) for another organisation's. */
  /** An editor's corrections of the fields, then the directive and its proposal as they now read. */
  async correct(
    actor: Actor & { type: 'user' },
    directiveId: string,
    corrections: DirectiveCorrections,
    requestId: string | null,
  ): Promise<{ directive: DirectiveEntity; plan: DirectivePlan }> {
    const { directive, problems } = await this.directives.correct(actor, directiveId, corrections, requestId);
    if (problems.length) {
      const [first, ...rest] = problems;
      throw new UnprocessableError(
        first.field,
        [first.message, ...rest.map((p) => `${p.field}: ${p.message}`)].join('; '),
      );
    }
    if (!directive) throw new NotFoundError('directive', directiveId);
    return this.planFor(actor.organizationId, directiveId);
  }

  async planFor(
    organizationId: string,
    directiveId: string,
  ): Promise<{ directive: DirectiveEntity; plan: DirectivePlan }> {
    const directive = await this.directives.get(organizationId, directiveId);
    if (!directive) throw new NotFoundError('directive', directiveId);
    return { directive, plan: await this.plan(organizationId, directive) };
  }

  async plan(organizationId: string, directive: DirectiveEntity): Promise<DirectivePlan> {
    const fields = storedFields(directive);
    const proposal = proposeChannelPlan(directive.rawText, { officialDomains: loadOfficialDomains() }, fields);
    const directory = await this.directory.load(organizationId);
    const { organization } = directory;
    const today = vietnamDay(new Date());
    const own = organization?.lineageCode ? this.lineage.get(organization.lineageCode) : null;
    // Names in the directory may carry any province the organisation sat in ("Sở Y tế tỉnh Sóc Trăng" in Cần Thơ).
    const provinces = [fields.parentAuthority, fields.place, ...(own ? this.lineage.provincesOf(own) : [])]
      .filter((p): p is string => !!p)
      .map(provinceKey);
    const match = this.directory.match(directory, proposal.entries, provinces);
    const domains = loadOfficialDomains();
    const portal = proposal.link
      ? null
      : directory.portals.find((p) => hostOf(p.url) && isOfficialHost(hostOf(p.url)!, domains));
    const named = proposeArea(this.units, directive.rawText, today, fields.date?.iso ?? null);
    const area = this.areaOf(named, directory.province, today);
    const channels = proposeChannels(proposal, match, {
      fallbackTargetUrl: portal?.url ?? null,
      areas: area.proposed,
    });
    const notes: PlanNote[] = [...proposal.notes];
    if (portal && channels.banner) {
      notes.push({
        code: 'banner-target-portal',
        vi: `Banner tạm dẫn đến ${portal.name} (${portal.url}); hãy đổi nếu có trang phù hợp hơn.`,
        en: `The banner links to ${portal.name} (${portal.url}) for now; change it if a better page exists.`,
      });
    }
    const issuer = letterSigner(this.lineage, fields, today, organization?.lineageCode ?? null);
    if (issuer?.signer.validTo && issuer.now.length) {
      const now = issuer.now.map((b) => b.name).join(', ');
      notes.push(
        issuer.yours
          ? {
              code: 'issuer-former-body',
              vi: `Văn bản do ${issuer.signer.name} ban hành; đơn vị này nay là ${now} — đơn vị của bạn.`,
              en: `The letter was signed by ${issuer.signer.name}, which is now ${now} — your organisation.`,
            }
          : {
              code: 'issuer-now',
              vi: `${issuer.signer.name} nay là ${now}; báo cáo kết quả gửi đơn vị này.`,
              en: `${issuer.signer.name} is now ${now}; the result report goes to it.`,
            },
      );
    }
    return { ...proposal, notes, directory: match, channels, area, issuer };
  }

  /** The area to propose: the provinces the letter's units lie in today, else the organisation's own. */
  private areaOf(
    named: ReturnType<typeof proposeArea>,
    organizationProvince: string | null,
    today: string,
  ): ProposedArea {
    const own = organizationProvince ? provinceNamed(this.units, organizationProvince, today) : null;
    const provinces = named.provinces.length ? named.provinces : own ? [own] : [];
    return {
      proposed: provinces.map(unitRef),
      mentioned: named.mentioned.map((u) => ({ ...unitRef(u), now: this.units.asOf(u, today).map(unitRef) })),
    };
  }

  /**
   * Creates a draft campaign from a directive's proposal with the editor's edits (parts left out fall back to the
   * proposal; a channel set to null is left out). 404 for another organisation's directive, 422 for what is missing.
   */
  async createCampaign(
    actor: Actor & { type: 'user' },
    directiveId: string,
    edits: CampaignEdits,
    requestId: string | null,
  ): Promise<CampaignCreated> {
    const { directive, plan } = await this.planFor(actor.organizationId, directiveId);
    const result = campaignFromPlan(directive.id, plan, edits);
    if (!result.input) {
      const [first, ...rest] = result.problems;
      throw new UnprocessableError(
        first.field,
        [first.message, ...rest.map((p) => `${p.field}: ${p.message}`)].join('; '),
      );
    }
    return this.campaigns.create(actor, result.input, requestId);
  }
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** Fields as stored (jsonb); re-extracted when the stored row predates a field. */
function storedFields(directive: DirectiveEntity): DirectiveFields {
  const f = directive.fields as Partial<DirectiveFields> | null;
  return f && 'addressees' in f && 'items' in f ? (f as DirectiveFields) : extractDirective(directive.rawText);
}
