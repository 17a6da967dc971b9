import type { LoaClient } from '../../tools/run/loa-client';

/** The usual road to air: the editor submits, a second person (the approver) approves, the editor launches. */
export async function submitApproveLaunch(editor: LoaClient, approver: LoaClient, campaignId: string): Promise<void> {
  await editor.request('POST', `/api/campaigns/${campaignId}/submit`);
  await approver.request('POST', `/api/campaigns/${campaignId}/approve`);
  await editor.request('POST', `/api/campaigns/${campaignId}/launch`);
}
