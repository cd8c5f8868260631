import { runUserCli } from '../../../src/people/user-cli';
import { startTestApp, testRedisUrl, uniquePrefix } from '../../support/app';
import type { TestApp } from '../../support/app';
import { createCapturingLogger } from '../../support/logger';
import { secretOf } from './people-helpers';

describe('the first admin', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.stop();
  });

  it('is invited from LIVECUE_ADMIN_EMAIL when no user exists, the link logged once (and no password anywhere)', async () => {
    const logger = createCapturingLogger();
    const prefix = uniquePrefix();
    const app = await startTestApp({ REDIS_PREFIX: prefix, LIVECUE_ADMIN_EMAIL: 'giamdoc@so-cong-thuong.vn', LOG_LEVEL: 'info' }, 'api', { logger: logger.logger });
    apps.push(app);
    const invited = logger.records().filter((r) => String(r.message).startsWith('first admin invited'));
    expect(invited).toHaveLength(1);
    const url = String(invited[0]!.invitationUrl);
    expect(url).toMatch(new RegExp(`^${app.url}/console/invite#`));
    const users = (await app.call('GET', '/v1/users')).body.items;
    expect(users.find((u: any) => u.email === 'giamdoc@so-cong-thuong.vn')).toMatchObject({ role: 'admin', status: 'invited' });
    const accepted = await app.call('POST', '/v1/auth/invitation', { role: null, body: { token: secretOf(url), password: 'Sở Công Thương Đà Nẵng 2026' } });
    expect(accepted.body.user).toMatchObject({ role: 'admin', status: 'active' });
    expect(logger.text()).not.toContain('Sở Công Thương Đà Nẵng 2026');
    expect(logger.text()).not.toContain(app.demoAdmin!.password);

    // A restart with users present invites nobody again.
    await app.stop({ flush: false });
    apps.pop();
    const again = createCapturingLogger();
    const restarted = await startTestApp({ REDIS_PREFIX: prefix, LIVECUE_ADMIN_EMAIL: 'giamdoc@so-cong-thuong.vn', LOG_LEVEL: 'info' }, 'api', { logger: again.logger });
    apps.push(restarted);
    expect(again.records().filter((r) => String(r.message).startsWith('first admin invited'))).toHaveLength(0);
    expect(restarted.demoAdmin).toBeNull();
  });

  it('is made by `npm run user -- create`, which prints the invitation link', async () => {
    const prefix = uniquePrefix();
    const env = { REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, LIVECUE_PUBLIC_URL: 'https://livecue.example.vn/', LOG_LEVEL: 'error' };
    const out = await runUserCli(['create', '--email', 'an.pham@cho-con.vn', '--role', 'admin', '--name', 'Phạm An'], env);
    expect(out).toMatch(/^created an\.pham@cho-con\.vn \(admin, usr_\w+\); invitation link, valid until \S+Z:\nhttps:\/\/livecue\.example\.vn\/console\/invite#[A-Za-z0-9_-]{43}$/);
    await expect(runUserCli(['create', '--email', 'AN.PHAM@cho-con.vn', '--role', 'viewer'], env)).rejects.toThrow(/already exists/);
    await expect(runUserCli(['create', '--email', 'x@cho-con.vn', '--role', 'boss'], env)).rejects.toThrow(/--role must be one of/);
    await expect(runUserCli(['delete'], env)).rejects.toThrow(/usage/);
    const reissued = await runUserCli(['invite', '--email', 'an.pham@cho-con.vn'], env);
    const link = /(https:\S+)$/.exec(reissued)?.[1] ?? '';

    const app = await startTestApp({ REDIS_PREFIX: prefix }, 'api');
    apps.push(app);
    // Users existed at start: no demo admin.
    expect(app.demoAdmin).toBeNull();
    const old = /(https:\S+)$/.exec(out)?.[1] ?? '';
    expect((await app.call('POST', '/v1/auth/invitation', { role: null, body: { token: secretOf(old), password: 'Phạm An quản trị chợ' } })).body.error.code).toBe('invalid_token');
    const ok = await app.call('POST', '/v1/auth/invitation', { role: null, body: { token: secretOf(link), password: 'Phạm An quản trị chợ' } });
    expect(ok.body.user).toMatchObject({ email: 'an.pham@cho-con.vn', name: 'Phạm An', role: 'admin', status: 'active' });
  });
});
