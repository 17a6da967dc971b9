import { LoaClient } from '../../tools/run/loa-client';
import { waitUntil } from '../../tools/run/processes';
import type { SeedResult } from '../../tools/seed/seed-demo';

/** A client logged in as the demo seed's user with that role. */
export async function loginAs(baseUrl: string, seed: SeedResult, role: string): Promise<LoaClient> {
  const user = seed.users.find((u) => u.role === role);
  if (!user) throw new Error(`the demo seed has no ${role}`);
  return new LoaClient(baseUrl).login(user.email, user.password);
}

/** The usual road to air: the editor submits, a second person (the approver) approves, the editor launches. */
export async function submitApproveLaunch(editor: LoaClient, approver: LoaClient, campaignId: string): Promise<void> {
  await editor.request('POST', `/api/campaigns/${campaignId}/submit`);
  await approver.request('POST', `/api/campaigns/${campaignId}/approve`);
  await editor.request('POST', `/api/campaigns/${campaignId}/launch`);
}

/** An SMS campaign from a letter already read, taken through approval by a second person and launched; its id. */
export async function launchSmsCampaign(
  editor: LoaClient,
  approver: LoaClient,
  c: { directiveId: string; title: string; text: string; subscribers: string[] },
): Promise<string> {
  const { id } = await editor.request<{ id: string }>('POST', '/api/campaigns', {
    directiveId: c.directiveId,
    title: c.title,
    channels: { sms: { text: c.text, subscribers: c.subscribers } },
  });
  await submitApproveLaunch(editor, approver, id);
  return id;
}

/** Waits until the campaign is completed and answers its report (the API's own view). */
export async function untilCompleted<T extends { status: string }>(
  client: LoaClient,
  campaignId: string,
  timeoutMs: number,
): Promise<T> {
  return waitUntil(
    'campaign completed',
    async () => {
      const r = await client.request<T>('GET', `/api/campaigns/${campaignId}`);
      return r.status === 'completed' ? r : null;
    },
    timeoutMs,
    500,
  );
}
