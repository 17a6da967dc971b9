import {
  CAMPAIGN_ACTIONS,
  CAMPAIGN_STATUSES,
  InvalidTransitionError,
  canTransition,
  isTerminal,
  nextStatus,
  statusAfterEdit,
} from './campaign-status';

describe('campaign status machine', () => {
  it('walks the happy path draft → completed', () => {
    let s = nextStatus('submit', 'draft');
    expect(s).toBe('pending_approval');
    s = nextStatus('approve', s);
    expect(s).toBe('approved');
    s = nextStatus('launch', s);
    expect(s).toBe('running');
    s = nextStatus('pause', s);
    expect(s).toBe('paused');
    s = nextStatus('resume', s);
    expect(s).toBe('running');
    expect(nextStatus('complete', s)).toBe('completed');
  });

  it('sends a rejected campaign back to draft', () => {
    expect(nextStatus('reject', 'pending_approval')).toBe('draft');
  });

  it('refuses to launch anything not approved, naming both sides', () => {
    for (const s of CAMPAIGN_STATUSES.filter((x) => x !== 'approved')) {
      expect(() => nextStatus('launch', s)).toThrow(InvalidTransitionError);
    }
    expect(() => nextStatus('launch', 'draft')).toThrow(/Cannot launch a campaign that is draft/);
  });

  it('allows cancel from every non-terminal status and nothing from terminal ones', () => {
    for (const s of CAMPAIGN_STATUSES) {
      expect(canTransition('cancel', s)).toBe(!isTerminal(s));
      if (isTerminal(s)) {
        for (const a of CAMPAIGN_ACTIONS) expect(canTransition(a, s)).toBe(false);
      }
    }
  });

  it('sends an approved campaign back for approval when what it sends is edited, and refuses edits after launch', () => {
    expect(statusAfterEdit('approved')).toBe('pending_approval');
    expect(statusAfterEdit('draft')).toBe('draft');
    expect(statusAfterEdit('pending_approval')).toBe('pending_approval');
    for (const s of ['running', 'paused', 'completed', 'cancelled'] as const) {
      expect(() => statusAfterEdit(s)).toThrow(
        /Cannot edit a campaign that is .*; edit is allowed from: draft, pending_approval, approved/,
      );
    }
  });
});
