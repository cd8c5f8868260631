import type { TestApp } from '../../support/app';

export interface ConsentRun {
  connectionId: string;
  /** The callback URL the platform's consent redirected to (code and state in it). */
  callbackUrl: string;
}

/** POST /v1/connections, then the sandbox's consent screen with a decision (following no redirect). */
export async function startAndConsent(app: TestApp, platform: string, options: { decision?: 'allow' | 'deny'; editAuthorizeUrl?: (url: URL) => void } = {}): Promise<ConsentRun> {
  const started = await app.call('POST', '/v1/connections', { body: { platform } });
  if (started.status !== 201) throw new Error(`start ${platform}: ${started.status} ${JSON.stringify(started.body)}`);
  const authorize = new URL(started.body.authorizeUrl);
  options.editAuthorizeUrl?.(authorize);
  authorize.searchParams.set('sandbox_decision', options.decision ?? 'allow');
  const consent = await fetch(authorize, { redirect: 'manual' });
  if (consent.status !== 302) throw new Error(`consent ${platform}: ${consent.status} ${await consent.text()}`);
  return { connectionId: started.body.id, callbackUrl: consent.headers.get('location') ?? '' };
}

/** Follow the platform's redirect back to LiveCue; resolves to LiveCue's own redirect target. */
export async function followCallback(callbackUrl: string, headers: Record<string, string> = {}): Promise<{ status: number; location: URL }> {
  const res = await fetch(callbackUrl, { redirect: 'manual', headers });
  await res.arrayBuffer();
  return { status: res.status, location: new URL(res.headers.get('location') ?? '', callbackUrl) };
}

/** The whole flow with Allow; resolves to the connection as GET /v1/connections/:id shows it. */
export async function connect(app: TestApp, platform: string): Promise<any> {
  const run = await startAndConsent(app, platform);
  const back = await followCallback(run.callbackUrl);
  if (back.location.searchParams.get('error')) throw new Error(`connect ${platform}: ${back.location.toString()}`);
  return (await app.call('GET', `/v1/connections/${run.connectionId}`)).body;
}

export async function addFault(app: TestApp, fault: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${app.sandboxUrl}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  if (res.status !== 201) throw new Error(`fault: ${res.status} ${await res.text()}`);
}

interface SandboxCall {
  method: string;
  path: string;
  query: Record<string, unknown>;
  body: Record<string, unknown> | null;
}

export async function sandboxCalls(app: TestApp, path: string): Promise<SandboxCall[]> {
  const all = (await (await fetch(`${app.sandboxUrl}/__sandbox/requests`)).json()) as SandboxCall[];
  return all.filter((r) => r.path === path);
}
