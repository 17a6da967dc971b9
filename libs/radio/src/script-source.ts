import { radioAbbreviations } from './abbreviations-file';
import { RadioPlan, dialectFor, slotSecondsFor } from './radio-plan';
import { BroadcastScript, ScriptDirective, issuerName, writeBroadcastScript } from './script/write-script';

/** The directive fields stored with a campaign (directives.fields, as extracted). */
export interface StoredDirectiveFields {
  parentAuthority?: string | null;
  issuer?: string | null;
  documentCode?: { number: string | null; symbol: string } | null;
  documentType?: string | null;
  date?: { year: number; month: number | null; day: number | null } | null;
  subject?: string | null;
}

/** The station whose voice a script is written in (the named station; relaying stations air its programme). */
export interface VoiceStation {
  name: string;
  region: string | null;
  broadcastSlots: unknown;
}

export function directiveForScript(fields: StoredDirectiveFields | null | undefined): ScriptDirective | null {
  if (!fields) return null;
  const code = fields.documentCode;
  return {
    documentType: fields.documentType ?? null,
    documentCode: code && code.number ? `${code.number}/${code.symbol}` : null,
    date: fields.date ?? null,
    issuer: fields.issuer ?? null,
    parentAuthority: fields.parentAuthority ?? null,
    subject: fields.subject ?? null,
  };
}

/** Who the listener hears the letter from: the issuer in its written case, else the organisation. */
export function senderNameOf(fields: StoredDirectiveFields | null | undefined, organizationName: string): string {
  return issuerName(fields?.issuer ?? null, fields?.parentAuthority ?? null, radioAbbreviations()) ?? organizationName;
}

/** The script a station reads for a campaign (same text in the feed and in the synthesised audio). */
export function scriptFor(
  campaign: { title: string; directiveFields: StoredDirectiveFields | null },
  plan: RadioPlan,
  station: VoiceStation,
): BroadcastScript {
  return writeBroadcastScript(
    {
      stationName: station.name,
      title: campaign.title,
      body: plan.script,
      priority: plan.priority,
      directive: directiveForScript(campaign.directiveFields),
      slotSeconds: slotSecondsFor(plan, station),
      repeat: plan.repeat,
    },
    { dictionary: radioAbbreviations(), dialect: dialectFor(station.region) },
  );
}
