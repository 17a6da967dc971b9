/**
 * The campaign status machine (pure). Every transition the system or an operator may ask for is named here;
 * services persist a transition with compare-and-set on the `from` status before acting on it.
 */
export const CAMPAIGN_STATUSES = [
  'draft',
  'pending_approval',
  'approved',
  'running',
  'paused',
  'completed',
  'cancelled',
] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const CAMPAIGN_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'launch',
  'pause',
  'resume',
  'complete',
  'cancel',
] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

const TRANSITIONS: Record<CampaignAction, { from: readonly CampaignStatus[]; to: CampaignStatus }> = {
  submit: { from: ['draft'], to: 'pending_approval' },
  approve: { from: ['pending_approval'], to: 'approved' },
  reject: { from: ['pending_approval'], to: 'draft' },
  launch: { from: ['approved'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  complete: { from: ['running'], to: 'completed' },
  cancel: { from: ['draft', 'pending_approval', 'approved', 'running', 'paused'], to: 'cancelled' },
};

export const TERMINAL_STATUSES: readonly CampaignStatus[] = ['completed', 'cancelled'];

/** Before launch, what a campaign sends may still be edited. */
export const EDITABLE_STATUSES: readonly CampaignStatus[] = ['draft', 'pending_approval', 'approved'];

export class InvalidTransitionError extends Error {
  constructor(
    readonly action: CampaignAction | 'edit',
    readonly current: CampaignStatus,
  ) {
    const from = action === 'edit' ? EDITABLE_STATUSES : TRANSITIONS[action].from;
    super(`Cannot ${action} a campaign that is ${current}; ${action} is allowed from: ${from.join(', ')}`);
  }
}

/** The statuses an action may start from, for a compare-and-set `WHERE status IN (...)`. */
export function allowedFrom(action: CampaignAction): readonly CampaignStatus[] {
  return TRANSITIONS[action].from;
}

export function canTransition(action: CampaignAction, current: CampaignStatus): boolean {
  return TRANSITIONS[action].from.includes(current);
}

/** The status an action leads to from `current`, or an InvalidTransitionError. */
export function nextStatus(action: CampaignAction, current: CampaignStatus): CampaignStatus {
  if (!canTransition(action, current)) throw new InvalidTransitionError(action, current);
  return TRANSITIONS[action].to;
}

export function isTerminal(status: CampaignStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/**
 * The status after an edit of what a campaign sends (content, audience, recording): an approved campaign goes back
 * for approval, since its approval covered what it was; a draft or pending one stays. Past approval, no edit.
 */
export function statusAfterEdit(current: CampaignStatus): CampaignStatus {
  if (!EDITABLE_STATUSES.includes(current)) throw new InvalidTransitionError('edit', current);
  return current === 'approved' ? 'pending_approval' : current;
}
