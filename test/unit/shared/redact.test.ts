import { createRedactor, REDACTED } from '../../../src/shared/redact';

const adminToken = 's3cret-admin-token-9f2k';

describe('createRedactor', () => {
  const redactor = createRedactor([adminToken]);

  it('replaces values under secret keys, whatever their casing or separator', () => {
    const input = {
      accessToken: 'EAAG-page-token',
      refreshToken: 'rt-123456',
      access_token: 'at-123456',
      secret: 'whsec_1',
      webhookSecret: 'whsec_2',
      client_secret: 'cs-1',
      authorization: 'Bearer abc',
      Authorization: 'Basic dXNlcjpwYXNz',
      'x-api-key': 'key-1',
      apiKey: 'key-2',
      password: 'hunter2',
      cookie: 'sid=1',
      'set-cookie': ['sid=2'],
      signature: 'sha256=abc',
      streamKey: 'abcd-efgh',
      streamName: 'yt-key',
      private_key: '-----BEGIN PRIVATE KEY-----',
      ingestUrl: 'rtmps://live-api-s.facebook.com:443/rtmp/FB-1-0-Abc',
    };
    const out = redactor.redact(input);
    for (const key of Object.keys(input)) expect(out[key as keyof typeof input]).toBe(REDACTED);
  });

  it('keeps tokenStatus and ordinary fields', () => {
    const input = {
      tokenStatus: 'valid',
      tokenStatusReason: null,
      hasSecret: true,
      sessionId: 'ses_k3j9x0a1b2c3',
      platform: 'facebook',
      attempts: 3,
      title: 'Chợ Cồn đêm',
      nothing: undefined,
    };
    expect(redactor.redact(input)).toEqual(input);
  });

  it('redacts credentials nested in objects and arrays', () => {
    const out = redactor.redact({
      account: { id: 'acc_1', credentials: { accessToken: 'x', refreshToken: 'y' } },
      targets: [{ accountId: 'acc_2', auth: { access_token: 'z-secret-value' } }],
      request: { headers: { Authorization: 'Bearer zz', Accept: 'application/json' } },
    });
    expect(out).toEqual({
      account: { id: 'acc_1', credentials: REDACTED },
      targets: [{ accountId: 'acc_2', auth: { access_token: REDACTED } }],
      request: { headers: { Authorization: REDACTED, Accept: 'application/json' } },
    });
  });

  it.each([
    ['GET /me?access_token=EAAGabc123&fields=id', 'GET /me?access_token=[redacted]&fields=id'],
    [
      'refresh_token=rt-1&grant_type=refresh_token',
      'refresh_token=[redacted]&grant_type=refresh_token',
    ],
    ['sent Authorization: Bearer ya29.a0AfH6SM-x_y', 'sent Authorization: Bearer [redacted]'],
    ['header authorization="Basic dXNlcjpwYXNz"', 'header authorization="Basic [redacted]"'],
    [
      '{"access_token":"act.123","token_type":"Bearer"}',
      '{"access_token":"[redacted]","token_type":"Bearer"}',
    ],
    [
      'push to rtmp://a.rtmp.youtube.com/live2/abcd-efgh-ijkl now',
      'push to rtmp://a.rtmp.youtube.com/live2/[redacted] now',
    ],
    ['no secrets in here: 180.000 ₫', 'no secrets in here: 180.000 ₫'],
  ])('redacts tokens inside the string %p', (input, expected) => {
    expect(redactor.redact(input)).toBe(expected);
  });

  it('removes registered secrets from any string, however embedded', () => {
    const later = createRedactor();
    later.addSecret('livecue-enc-key-7x');
    expect(
      later.redact({ note: 'prefixlivecue-enc-key-7xsuffix', list: ['livecue-enc-key-7x'] }),
    ).toEqual({
      note: `prefix${REDACTED}suffix`,
      list: [REDACTED],
    });
    expect(redactor.redact(`LIVECUE_TOKENS=admin:${adminToken}`)).toBe(
      `LIVECUE_TOKENS=admin:${REDACTED}`,
    );
  });

  it('ignores registered values too short to be secrets', () => {
    const short = createRedactor(['abc']);
    expect(short.redact('abc def')).toBe('abc def');
  });

  it('redacts error messages, stacks, fields and causes but keeps what explains the failure', () => {
    const cause = new Error(`token endpoint said access_token=leaked-1 for ${adminToken}`);
    const error = Object.assign(new Error('call failed with Bearer leaked-2', { cause }), {
      platform: 'facebook',
      kind: 'auth',
      httpStatus: 401,
      accessToken: 'leaked-3',
      config: { headers: { Authorization: 'Bearer leaked-4' } },
    });
    const out = redactor.redact({ error });
    const text = JSON.stringify(out);
    for (const leaked of ['leaked-1', 'leaked-2', 'leaked-3', 'leaked-4', adminToken]) {
      expect(text).not.toContain(leaked);
    }
    expect(out.error).toMatchObject({
      name: 'Error',
      message: 'call failed with Bearer [redacted]',
      platform: 'facebook',
      kind: 'auth',
      httpStatus: 401,
      accessToken: REDACTED,
      cause: { message: `token endpoint said access_token=${REDACTED} for ${REDACTED}` },
    });
    expect((out.error as unknown as { stack: string }).stack).toMatch(
      /^Error: call failed with Bearer \[redacted\]/,
    );
  });

  it('prints dates, URLs and buffers as text instead of empty objects', () => {
    expect(
      redactor.redact({
        at: new Date(Date.UTC(2024, 5, 7, 12)),
        url: new URL('https://graph.facebook.com/me?access_token=EAAG1'),
        body: Buffer.from('hello'),
      }),
    ).toEqual({
      at: '2024-06-07T12:00:00.000Z',
      url: 'https://graph.facebook.com/me?access_token=[redacted]',
      body: '[Buffer 5 bytes]',
    });
  });

  it('cuts cycles but prints a value shared by two fields twice', () => {
    const shared = { id: 'acc_1' };
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(redactor.redact({ a: shared, b: shared, cyclic })).toEqual({
      a: { id: 'acc_1' },
      b: { id: 'acc_1' },
      cyclic: { name: 'loop', self: '[circular]' },
    });
  });

  it('does not modify the value it is given', () => {
    const input = { accessToken: 'keep-me', nested: { secret: 'keep-me-too' } };
    redactor.redact(input);
    expect(input).toEqual({ accessToken: 'keep-me', nested: { secret: 'keep-me-too' } });
  });
});
