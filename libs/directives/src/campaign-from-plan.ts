import type { ChannelPlansInput, CreateCampaignInput } from '@loa/campaigns';
import type { ProposedChannels } from './plan';

/** What an editor changed in the proposal: any part left out falls back to it; a channel set to null is dropped. */
export interface CampaignEdits {
  title?: string;
  /** actual (default), exercise or test. */
  mode?: CreateCampaignInput['mode'];
  startsAt?: Date;
  endsAt?: Date;
  /** Unit codes of the campaign's area; the proposed area when omitted. */
  area?: string[];
  channels?: {
    sms?: Partial<SmsPlan> | null;
    email?: Partial<EmailPlan> | null;
    banner?: Partial<BannerPlan> | null;
    radio?: Partial<RadioPlan> | null;
  };
}

export interface CampaignProblem {
  /** Path in the request body: "channels.sms.subscribers". */
  readonly field: string;
  readonly message: string;
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function merged<T extends object>(
  proposed: Partial<T> | undefined,
  edit: Partial<T> | null | undefined,
): Partial<T> | null {
  if (edit === null) return null;
  if (edit === undefined) return proposed ? { ...proposed } : null;
  return { ...(proposed ?? {}), ...defined(edit) };
}

const nonEmpty = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';
const DROP = 'hoặc gửi null để bỏ kênh này / or send null to leave this channel out';

type SmsPlan = NonNullable<ChannelPlansInput['sms']>;
type EmailPlan = NonNullable<ChannelPlansInput['email']>;
type BannerPlan = NonNullable<ChannelPlansInput['banner']>;
type RadioPlan = NonNullable<ChannelPlansInput['radio']>;
const someItems = <T>(xs: T[] | undefined): xs is T[] => Array.isArray(xs) && xs.length > 0;

/**
 * The proposed SMS plan with its carrier orders moved to the area the editor chose (same carriers, one order per
 * unit of the area; the server names each unit), so narrowing the area does not leave orders outside it.
 */
function withOrdersFor(sms: ProposedChannels['sms'], area: string[] | undefined): Partial<SmsPlan> | undefined {
  if (!sms || !area?.length) return sms;
  const carriers = [...new Set(sms.carrierOrders.map((o) => o.carrierCode))];
  return {
    ...sms,
    carrierOrders: carriers.flatMap((carrierCode) => area.map((code) => ({ carrierCode, area: code }))),
  };
}

/**
 * The campaign to create from a directive's proposal and an editor's edits (pure). Returns the input for
 * CampaignsService.create, or the parts still missing (say, a banner target when the letter has no official
 * link). Fields this function does not know are carried over as they are; CampaignsService checks the rest.
 */
export function campaignFromPlan(
  directiveId: string,
  proposal: { title: string; channels: ProposedChannels; area?: { proposed: ReadonlyArray<{ code: string }> } },
  edits: CampaignEdits,
): { input: CreateCampaignInput; problems: [] } | { input: null; problems: CampaignProblem[] } {
  const e = edits.channels ?? {};
  const problems: CampaignProblem[] = [];
  const need = (ok: boolean, field: string, message: string) => {
    if (!ok) problems.push({ field, message: `${message}; ${DROP}` });
    return ok;
  };
  const channels: ChannelPlansInput = {};

  const sms = merged<SmsPlan>(withOrdersFor(proposal.channels.sms, edits.area), e.sms);
  if (sms) {
    const text = need(nonEmpty(sms.text), 'channels.sms.text', 'cần nội dung tin nhắn / text is required');
    const to = need(
      someItems(sms.subscribers) || someItems(sms.carrierOrders),
      'channels.sms',
      'cần danh sách thuê bao hoặc lệnh cho nhà mạng / give subscribers or carrierOrders',
    );
    if (text && to) channels.sms = defined(sms) as SmsPlan;
  }
  const email = merged<EmailPlan>(proposal.channels.email, e.email);
  if (email) channels.email = defined(email);
  const banner = merged<BannerPlan>(proposal.channels.banner, e.banner);
  if (banner) {
    const headline = need(
      nonEmpty(banner.headline),
      'channels.banner.headline',
      'cần tiêu đề / a headline is required',
    );
    const target = need(
      nonEmpty(banner.targetUrl),
      'channels.banner.targetUrl',
      'văn bản không có liên kết chính thức: cần địa chỉ đích / the letter has no official link: a target URL is required',
    );
    if (headline && target) channels.banner = defined(banner) as BannerPlan;
  }
  const radio = merged<RadioPlan>(proposal.channels.radio, e.radio);
  if (radio) {
    // With an area, no station named means the area's stations (the campaign service picks them).
    const area = edits.area ?? proposal.area?.proposed.map((u) => u.code) ?? [];
    const stations = need(
      someItems(radio.stationCodes) || (area.length > 0 && Array.isArray(radio.stationCodes)),
      'channels.radio.stationCodes',
      'cần ít nhất một đài, hoặc một khu vực / at least one station, or an area, is required',
    );
    const script = need(
      nonEmpty(radio.script),
      'channels.radio.script',
      'cần nội dung phát thanh / a script is required',
    );
    if (stations && script) channels.radio = defined(radio) as RadioPlan;
  }
  if (problems.length) return { input: null, problems };
  return {
    input: {
      directiveId,
      title: edits.title ?? proposal.title,
      ...(edits.mode ? { mode: edits.mode } : {}),
      ...(edits.startsAt ? { startsAt: edits.startsAt } : {}),
      ...(edits.endsAt ? { endsAt: edits.endsAt } : {}),
      ...(edits.area || proposal.area ? { area: edits.area ?? proposal.area!.proposed.map((u) => u.code) } : {}),
      channels,
    },
    problems: [],
  };
}
