import { ConfigError, loadConfig } from '../../../config/load-config';
import { createTiktokRulesSource } from '../../../src/platforms/tiktok/posting-rules';

const key = Buffer.alloc(32, 7).toString('base64');
const ADMIN = 'admin-token-1-0123456789abcdef';
const VIEWER = 'viewer-token-1-0123456789abcde';
const good = { LIVECUE_TOKENS: `admin:${ADMIN},viewer:${VIEWER}`, LIVECUE_ENCRYPTION_KEY: key };

describe('configuration from the environment', () => {
  it('reads the documented defaults', () => {
    const c = loadConfig(good);
    expect(c).toMatchObject({ port: 8080, redisUrl: 'redis://127.0.0.1:6379', redisPrefix: 'livecue', timezone: 'Asia/Ho_Chi_Minh', platformMode: 'live', logLevel: 'info', retryBaseMs: 2000, maxAttempts: 8, rateLimitPerMin: 1200, lockDurationMs: 10_000, stalledIntervalMs: 4000 });
    expect(c.tokens).toEqual([{ role: 'admin', token: ADMIN }, { role: 'viewer', token: VIEWER }]);
    expect(c.platforms.facebook.graphVersion).toBe('v23.0');
  });

  it('reads the TikTok posting rules: unset means "ask the sandbox" there, unaudited and nothing verified live', async () => {
    expect(loadConfig(good).tiktokRules).toEqual({ audited: null, verifiedUrlPrefixes: null });
    const set = loadConfig({ ...good, TIKTOK_AUDITED: 'true', TIKTOK_VERIFIED_URL_PREFIXES: 'https://media.chocon.vn/, https://cdn.chocon.vn/promo/' });
    expect(set.tiktokRules).toEqual({ audited: true, verifiedUrlPrefixes: ['https://media.chocon.vn/', 'https://cdn.chocon.vn/promo/'] });
    expect(() => loadConfig({ ...good, TIKTOK_VERIFIED_URL_PREFIXES: 'http://media.chocon.vn/' })).toThrow(/TIKTOK_VERIFIED_URL_PREFIXES/);
    expect(() => loadConfig({ ...good, TIKTOK_AUDITED: 'maybe' })).toThrow(/TIKTOK_AUDITED/);
    const live = createTiktokRulesSource(loadConfig(good).tiktokRules, null, 1000);
    await expect(live()).resolves.toEqual({ audited: false, verifiedUrlPrefixes: [] });
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', LIVECUE_TIMEZONE: 'Mars/Base', PLATFORM_MODE: 'prod', LIVECUE_TOKENS: 'root:abcdefgh', LIVECUE_ENCRYPTION_KEY: 'short' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'REDIS_URL', 'LIVECUE_TIMEZONE', 'PLATFORM_MODE', 'LIVECUE_TOKENS', 'LIVECUE_ENCRYPTION_KEY']) expect(problems).toContain(name);
  });

  it('reads LIVECUE_OPS_EMAILS as a list of addresses, names a bad one, and wants SMTP for them outside sandbox mode', () => {
    expect(loadConfig({ ...good, SMTP_URL: 'smtp://u:p@mail.cho.vn:587', LIVECUE_OPS_EMAILS: ' truc@cho.vn , ops@cho.vn ' }).opsEmails).toEqual(['truc@cho.vn', 'ops@cho.vn']);
    expect(loadConfig(good).opsEmails).toEqual([]);
    expect(loadConfig({ PLATFORM_MODE: 'sandbox', LIVECUE_OPS_EMAILS: 'truc@cho.vn' }).opsEmails).toEqual(['truc@cho.vn']);
    const problemsOf = (env: Record<string, string>): string => {
      try {
        loadConfig(env);
      } catch (err) {
        if (err instanceof ConfigError) return err.problems.join('\n');
        throw err;
      }
      return '';
    };
    expect(problemsOf({ ...good, SMTP_URL: 'smtp://mail.cho.vn', LIVECUE_OPS_EMAILS: 'truc@cho.vn,not-an-address' })).toContain('LIVECUE_OPS_EMAILS: "not-an-address" is not an email address');
    expect(problemsOf({ ...good, LIVECUE_OPS_EMAILS: 'truc@cho.vn' })).toContain('LIVECUE_OPS_EMAILS: set, but SMTP_URL is not');
  });

  it('requires tokens and an encryption key outside sandbox mode', () => {
    expect(() => loadConfig({})).toThrow(/LIVECUE_TOKENS[\s\S]*LIVECUE_ENCRYPTION_KEY/);
  });

  it('refuses machine tokens shorter than 24 characters, duplicates across roles, and never echoes a token', () => {
    const problemsOf = (tokens: string): string => {
      try {
        loadConfig({ ...good, LIVECUE_TOKENS: tokens });
      } catch (err) {
        return (err as ConfigError).problems.join('\n');
      }
      return '';
    };
    expect(problemsOf('admin:abcdefgh12345678')).toMatch(/entry 1: the admin token must be at least 24 characters/);
    expect(problemsOf(`admin:${ADMIN},viewer:${ADMIN}`)).toMatch(/entry 2: the viewer token is already given to another entry/);
    const malformed = problemsOf('s3cr3t-t0ken-without-a-role-prefix-xyz');
    expect(malformed).toMatch(/entry 1 is not role:token/);
    expect(malformed).not.toContain('s3cr3t');
    expect(problemsOf(`root:${ADMIN}`)).not.toContain(ADMIN.slice(0, 8));
  });

  it('makes an admin token and a key in sandbox mode', () => {
    const c = loadConfig({ PLATFORM_MODE: 'sandbox' });
    expect(c.generatedAdminToken).toBe(true);
    expect(c.tokens[0]?.role).toBe('admin');
    expect(c.encryptionKeys[0]).toHaveLength(32);
  });

  it('takes several encryption keys for rotation and a rate limit of 0 as off', () => {
    const c = loadConfig({ ...good, LIVECUE_ENCRYPTION_KEY: `${key},${Buffer.alloc(32, 1).toString('base64')}`, LIVECUE_RATE_LIMIT_PER_MIN: '0' });
    expect(c.encryptionKeys).toHaveLength(2);
    expect(c.rateLimitPerMin).toBe(0);
  });
});
