/**
 * What POST /api/directives and GET /api/directives/:id answer. The letter's fields and the plan proposal are
 * typed by the pure type modules the server builds them with (libs/directives, type-only imports: nothing of
 * the server is bundled); the directory match is described here, as the API sends it.
 */
import type { DirectiveFieldsView as DirectiveFields } from '@loa/directive-fields';
import type { Bilingual, ChannelPlanProposal, PlanChannel } from '@loa/directive-types';
import type { DirectiveCampaignDto, UnitRefDto as UnitRefView } from './schema.gen';

export type { DirectiveFields };

export interface DirectoryTarget {
  kind: 'agency' | 'portal' | 'station' | 'carrier';
  code: string;
  name: string;
  relaysFrom?: string;
}

/** A department in one period (config/organizations/lineage.csv), as libs/directives' BodyRef. */
export interface BodyRefView {
  code: string;
  name: string;
  shortName: string;
  validTo: string | null;
}

export interface LetterSignerView {
  signer: BodyRefView;
  now: BodyRefView[];
  yours: boolean;
}

export interface DirectivePlanView extends Omit<ChannelPlanProposal, 'channels'> {
  directory: {
    matches: Array<{
      channel: PlanChannel;
      addressee: string;
      group: string | null;
      by: 'group' | 'name';
      targets: DirectoryTarget[];
    }>;
    unmatched: Array<{ channel: PlanChannel; addressee: string; group: string | null; reason: Bilingual }>;
  };
  /** Proposed channel plans, ready to edit and post back (POST /api/directives/:id/campaign). */
  channels: NonNullable<DirectiveCampaignDto['channels']>;
  /** The area the letter is for (units of config/admin-units), and the units it mentions with what each is now. */
  area: { proposed: UnitRefView[]; mentioned: Array<UnitRefView & { now: UnitRefView[] }> };
  /** Who signed the letter (config/organizations), what it is today, and whether it is the caller's organisation. */
  issuer: LetterSignerView | null;
}

/** The file a letter was uploaded as (a pasted letter has none). */
export interface DirectiveOriginal {
  fileName: string | null;
  mediaType: string;
  size: number;
  sha256: string;
  /** `ocr`: recognised from a scan, to be checked. */
  readBy: 'text' | 'ocr';
}

export interface DirectiveView {
  id: string;
  documentCode: string | null;
  subject: string | null;
  fields: DirectiveFields;
  /** The letter's text as Loa read it (from a DOCX or PDF: the text found in it, columns in order). */
  text?: string;
  original?: DirectiveOriginal | null;
  plan: DirectivePlanView;
}
