/**
 * `GET /v1/audit` filters on the server (issue #14: the console's audit page no longer filters a
 * loaded page in the browser): `principal` and `target` match part of the value in any case,
 * `action` one action or a family; a filtered page reads a bounded number of entries back and says
 * where to go on. Real API, real Redis stream.
 */
import { startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';

describe('GET /v1/audit with filters', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({}, 'api');
    const entries = [
      { principal: 'user:lan@cho-con.vn', action: 'session.create', target: 'ses-hai-san-1' },
      { principal: 'user:minh@cho-con.vn', action: 'session.cancel', target: 'ses-hai-san-1' },
      { principal: 'token:import-bot', action: 'session.import', target: 'cho-con-2024' },
      { principal: 'user:Lan@cho-con.vn', action: 'account.create', target: 'fb-cho-con' },
      { principal: 'user:minh@cho-con.vn', action: 'session.update', target: 'SES-KHO-MUC-2' },
    ] as const;
    for (const e of entries) await app.deps.audit.record({ ...e, details: {} });
  });
  afterAll(async () => {
    await app.stop();
  });

  const get = async (query: string): Promise<{ status: number; items: { principal: string; action: string; target: string }[]; nextCursor: string | null }> => {
    const res = await app.call('GET', `/v1/audit?${query}`);
    return { status: res.status, items: res.body.items ?? [], nextCursor: res.body.nextCursor ?? null };
  };

  it('matches part of the principal in any case, newest first', async () => {
    const page = await get('principal=LAN@');
    expect(page.status).toBe(200);
    expect(page.items.map((e) => e.action)).toEqual(['account.create', 'session.create']);
    expect(page.nextCursor).toBeNull();
  });

  it('matches one action, or a whole family', async () => {
    expect((await get('action=session.cancel')).items.map((e) => e.principal)).toEqual(['user:minh@cho-con.vn']);
    expect((await get('action=session')).items.map((e) => e.action)).toEqual(['session.update', 'session.import', 'session.cancel', 'session.create']);
    expect((await get('action=sess')).items).toEqual([]);
  });

  it('matches part of the target, and every given filter at once', async () => {
    expect((await get('target=ses-')).items.map((e) => e.target)).toEqual(['SES-KHO-MUC-2', 'ses-hai-san-1', 'ses-hai-san-1']);
    expect((await get('target=hai-san&principal=minh')).items.map((e) => e.action)).toEqual(['session.cancel']);
  });

  it('pages a filtered log with nextCursor', async () => {
    const first = await get('action=session&limit=3');
    expect(first.items.map((e) => e.action)).toEqual(['session.update', 'session.import', 'session.cancel']);
    expect(first.nextCursor).not.toBeNull();
    const next = await get(`action=session&limit=3&before=${first.nextCursor ?? ''}`);
    expect(next.items.map((e) => e.action)).toEqual(['session.create']);
    expect(next.nextCursor).toBeNull();
  });

  it('stops reading after maxScan entries and goes on from where it stopped', async () => {
    // The newest 2 entries hold no session.import: a 2-entry scan finds nothing but a cursor.
    const first = await app.deps.audit.find({ limit: 10, filter: { action: 'session.import' }, maxScan: 2 });
    expect(first.items).toEqual([]);
    expect(first.nextCursor).not.toBeNull();
    const next = await app.deps.audit.find({ limit: 10, before: first.nextCursor ?? '', filter: { action: 'session.import' }, maxScan: 2 });
    expect(next.items.map((e) => e.target)).toEqual(['cho-con-2024']);
  });

  it('refuses an action that is not one, and keeps the unfiltered answer as it was', async () => {
    const bad = await app.call('GET', '/v1/audit?action=DROP%20TABLE');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    const all = await get('limit=5');
    expect(all.items).toHaveLength(5);
    expect(all.nextCursor).not.toBeNull();
  });
});
