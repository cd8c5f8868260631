import type { Fixture } from './fixture';

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: unknown }>;

interface Candidate {
  externalId: string;
}

/**
 * Connects the demo's accounts the way a person does (api.md "Connecting accounts"): for each
 * platform a connection, the sandbox's consent screen answered with `sandbox_decision=allow`, the
 * callback followed, and every candidate added. Resolves to fixture account key → account id
 * (Facebook pages by their externalId, which the sandbox person's pages share with the fixture).
 */
export async function connectDemoAccounts(call: Call, fixture: Fixture): Promise<Map<string, string>> {
  const keys = new Map<string, string>();
  for (const platform of ['facebook', 'tiktok', 'youtube'] as const) {
    const accounts = await connectPlatform(call, platform);
    const wanted = fixture.campaign.accounts.filter((a) => a.platform === platform);
    for (const [i, account] of wanted.entries()) {
      const match = accounts.find((a) => a.externalId === account.externalId) ?? accounts[Math.min(i, accounts.length - 1)];
      if (match) keys.set(account.key, match.id);
    }
  }
  return keys;
}

async function connectPlatform(call: Call, platform: string): Promise<{ id: string; externalId: string }[]> {
  const started = (await call('POST', '/v1/connections', { platform })).body as { id: string; authorizeUrl: string };
  const consent = await fetch(`${started.authorizeUrl}&sandbox_decision=allow`, { redirect: 'manual' });
  const callback = consent.headers.get('location');
  if (!callback) throw new Error(`the ${platform} consent did not redirect (HTTP ${consent.status})`);
  const back = await fetch(callback, { redirect: 'manual' });
  const location = new URL(back.headers.get('location') ?? '', callback);
  if (location.searchParams.get('error')) throw new Error(`connecting ${platform} failed: ${location.searchParams.get('error') ?? ''}`);
  const connection = (await call('GET', `/v1/connections/${started.id}`)).body as { candidates: Candidate[] };
  const added = await call('POST', `/v1/connections/${started.id}/accounts`, { externalIds: connection.candidates.map((c) => c.externalId) });
  return (added.body as { accounts: { id: string; externalId: string }[] }).accounts;
}

/** The sheet's `platform:key` targets with the connected account ids. */
export function retargetCsv(csv: string, ids: Map<string, string>): string {
  return csv.replace(/\b(facebook|tiktok|youtube):([a-z0-9_-]+)/g, (whole, platform: string, key: string) => {
    const id = ids.get(key);
    return id ? `${platform}:${id}` : whole;
  });
}
