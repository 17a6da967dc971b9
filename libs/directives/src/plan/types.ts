/** The four ways a campaign reaches people. */
export const PLAN_CHANNELS = ['sms', 'email', 'banner', 'radio'] as const;
export type PlanChannel = (typeof PLAN_CHANNELS)[number];

/** User-facing text: Vietnamese first, English alongside. */
export interface Bilingual {
  readonly vi: string;
  readonly en: string;
}

/** Where in the letter a plan entry was read. */
export type PlanSource = 'addressee' | 'body' | 'copy-to';

/**
 * "group": the text names a whole kind of recipient ("các sở, ban, ngành", "Đài Truyền thanh các huyện") and
 * stands for every directory entry of that group; "named": it names one body ("Báo Sóc Trăng", "Sở Y tế"),
 * matched in the directory by name.
 */
export type PlanScope = 'group' | 'named';

/** One addressee (or a group the body asks to act) and the channel that reaches it, with the reason. */
export interface PlanEntry {
  readonly channel: PlanChannel;
  /** As written in the letter. */
  readonly addressee: string;
  /** Addressee group code, the same codes the directory uses ("so-ban-nganh"); null when no rule knew it. */
  readonly group: string | null;
  readonly scope: PlanScope;
  readonly source: PlanSource;
  /** Numbered point of the body ("2", "IV.7") the entry was read from, when it was read from one. */
  readonly item: string | null;
  /** Id of the rule (in ADDRESSEE_RULES) that recognised it; null for the fallback. */
  readonly rule: string | null;
  readonly reason: Bilingual;
}

/** Something the editor should know about the proposal. */
export interface PlanNote extends Bilingual {
  readonly code: string;
}

/** A link from the letter that may be a call-to-action target (its host is on the official allow-list). */
export interface PlanLink {
  /** As an absolute http(s) URL ("https://vandongxahoi.mattran.org.vn"). */
  readonly url: string;
  readonly host: string;
  /** As written in the letter. */
  readonly asWritten: string;
}

export interface SmsDraft {
  /** With diacritics, for people to read and edit; sent stripped (stripDiacritics) as GSM-7. */
  readonly text: string;
  readonly stripDiacritics: true;
  /** What subscribers receive: the text without diacritics. */
  readonly preview: string;
  readonly encoding: 'GSM-7' | 'UCS-2';
  readonly segments: number;
  /** Septets (GSM-7) of the preview. */
  readonly length: number;
}

export interface EmailDraft {
  /** "V/v …" as the dispatch will carry it (the email channel derives it from the directive's subject). */
  readonly subject: string;
  /** Placed before the directive's text in the dispatch. */
  readonly message: string;
}

export interface BannerDraft {
  /** At most 120 characters. */
  readonly headline: string;
  /** At most 300 characters. */
  readonly body: string;
  /** The official link, or null when the letter has none (the editor must set one). */
  readonly targetUrl: string | null;
}

export interface RadioDraft {
  /** Opening of the text read on air (links spelled out); the station feed adds its greeting and closing. */
  readonly script: string;
  /** Local times (Asia/Ho_Chi_Minh). */
  readonly slots: readonly string[];
}

/** Editable texts for every channel (also for channels no addressee asked for, so an editor may add one). */
export interface PlanDrafts {
  readonly sms: SmsDraft;
  readonly email: EmailDraft;
  readonly banner: BannerDraft;
  readonly radio: RadioDraft;
}

/** What Loa proposes to do with a directive: who gets what, why, and the texts to start from. */
export interface ChannelPlanProposal {
  /** Proposed campaign title (at most 300 characters). */
  readonly title: string;
  /** In reading order: addressees ("Kính gửi"), then groups the body asks to act, then copy-to with a task. */
  readonly entries: readonly PlanEntry[];
  /** Proposed channels, in the order sms, email, banner, radio. */
  readonly channels: readonly PlanChannel[];
  /** The call-to-action link (first allow-listed link of the letter), or null. */
  readonly link: PlanLink | null;
  readonly drafts: PlanDrafts;
  readonly notes: readonly PlanNote[];
}
