/**
 * Credentials at rest with key rotation (src/store/crypto.ts, src/store/account-store.ts): an
 * account sealed with key A still decrypts after LIVECUE_ENCRYPTION_KEY=B,A, is re-sealed with B on
 * read, new writes use B, and after `rotateKeys()` key A can go. Without the key list the old
 * account would no longer decrypt; without re-sealing, dropping A would lose it.
 * The audit log (src/store/audit-store.ts, GET /v1/audit): who created, updated, cancelled,
 * retried, and who created and deleted accounts; admins only.
 */
import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import { flushPrefix, registerAccounts, startTestApp, uniquePrefix, useTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';

const keyId = (b64: string): string => createHash('sha256').update(Buffer.from(b64, 'base64')).digest('hex').slice(0, 8);

describe('credentials encrypted at rest with key rotation', () => {
  const prefix = uniquePrefix();
  const keyA = randomBytes(32).toString('base64');
  const keyB = randomBytes(32).toString('base64');
  afterAll(async () => {
    await flushPrefix(prefix);
  });

  const sealedOf = async (app: TestApp, id: string): Promise<string> => (await app.deps.redis.hget(app.deps.keys.account(id), 'creds')) ?? '';

  it('decrypts with the old key, re-seals with the new one, and writes with the new one', async () => {
    const first = await startTestApp({ REDIS_PREFIX: prefix, LIVECUE_ENCRYPTION_KEY: keyA }, 'api');
    await registerAccounts(first);
    const original = await first.deps.accounts.credentials('fb-cho-con');
    const sealedA = await sealedOf(first, 'fb-cho-con');
    expect(sealedA.split('.')[1]).toBe(keyId(keyA));
    expect(sealedA).not.toContain(original?.accessToken ?? '?');
    await first.stop({ flush: false });

    const rotated = await startTestApp({ REDIS_PREFIX: prefix, LIVECUE_ENCRYPTION_KEY: `${keyB},${keyA}` }, 'api');
    try {
      expect((await rotated.call('GET', '/v1/accounts/fb-cho-con')).status).toBe(200);
      expect(await rotated.deps.accounts.credentials('fb-cho-con')).toEqual(original);
      expect((await sealedOf(rotated, 'fb-cho-con')).split('.')[1]).toBe(keyId(keyB));
      const created = await rotated.call('POST', '/v1/accounts', { body: { id: 'fb-moi', platform: 'facebook', name: 'Trang mới', externalId: '100000000000009', credentials: { accessToken: 'fb-new-token-123' } } });
      expect(created.status).toBe(201);
      expect((await sealedOf(rotated, 'fb-moi')).split('.')[1]).toBe(keyId(keyB));
      expect((await sealedOf(rotated, 'yt-sct')).split('.')[1]).toBe(keyId(keyA));
      expect(await rotated.deps.accounts.rotateKeys()).toBe(2);
      expect(await rotated.deps.accounts.rotateKeys()).toBe(0);
    } finally {
      await rotated.stop({ flush: false });
    }

    const onlyB = await startTestApp({ REDIS_PREFIX: prefix, LIVECUE_ENCRYPTION_KEY: keyB }, 'api');
    try {
      for (const id of ['fb-cho-con', 'yt-sct', 'tt-cho-con', 'fb-moi']) expect(await onlyB.deps.accounts.credentials(id)).toEqual(expect.objectContaining({ accessToken: expect.any(String) }));
      expect(await onlyB.deps.accounts.credentials('fb-cho-con')).toEqual(original);
    } finally {
      await onlyB.stop({ flush: false });
    }
  }, 60_000);
});

describe('the audit log', () => {
  const app = useTestApp({ mode: 'api', accounts: true });

  it('records who created, updated, cancelled and retried, and account changes; admins read it', async () => {
    const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: { title: 'Phiên kiểm toán', startsAt: new Date(Date.now() + 86_400_000).toISOString(), durationMinutes: 60, targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }], announceOffsets: ['PT1H'], reminderOffsets: [] } });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect((await app.call('PATCH', `/v1/sessions/${id}`, { role: 'admin', body: { title: 'Phiên kiểm toán (đổi tên)' } })).status).toBe(200);
    const job = created.body.jobs.find((j: any) => j.kind === 'announce');
    const key = job.id.slice(id.length + 2);
    await app.deps.sessions.updateJob(id, key, { op: 'finish', now: new Date().toISOString(), state: 'failed', lastError: 'test' });
    expect((await app.call('POST', `/v1/jobs/${job.id}/retry`, { role: 'ops' })).status).toBe(200);
    expect((await app.call('POST', `/v1/sessions/${id}/cancel`, { role: 'organizer', body: {} })).status).toBe(200);
    expect((await app.call('DELETE', '/v1/accounts/yt-sct')).status).toBe(204);
    // Refused changes are not audited.
    expect((await app.call('PATCH', `/v1/sessions/${id}`, { role: 'viewer', body: { title: 'x' } })).status).toBe(403);

    expect((await app.call('GET', '/v1/audit', { role: 'organizer' })).status).toBe(403);
    const res = await app.call('GET', '/v1/audit?limit=50');
    expect(res.status).toBe(200);
    const rows = res.body.items.map((e: any) => [e.action, e.principal.split(':')[1], e.target]);
    expect(rows.slice(0, 5)).toEqual([
      ['account.delete', 'admin', 'yt-sct'],
      ['session.cancel', 'organizer', id],
      ['job.retry', 'ops', job.id],
      ['session.update', 'admin', id],
      ['session.create', 'organizer', id],
    ]);
    expect(rows.filter((r: string[]) => r[0] === 'account.create')).toHaveLength(3);
    for (const e of res.body.items) {
      expect(e.principal).toMatch(/^token:(admin|organizer|ops|viewer)$/);
      expect(JSON.stringify(e)).not.toContain('test-');
      expect(e.at).toMatch(/Z$/);
    }
    const page = await app.call('GET', '/v1/audit?limit=2');
    expect(page.body.items).toHaveLength(2);
    const next = await app.call('GET', `/v1/audit?limit=2&before=${page.body.nextCursor}`);
    expect(next.body.items[0].id).toBe(res.body.items[2].id);
    expect((await app.call('GET', '/v1/audit?before=nope')).status).toBe(400);
  });
});
