import { Writable } from 'node:stream';
import winston from 'winston';
import { createLogger } from '../../../src/shared/logger';
import type { Logger } from '../../../src/shared/logger';
import { createRedactor } from '../../../src/shared/redact';

const registered = 'admin:s3cret-a-8Hq2';
const leaks = [
  'EAAG-page-token-1',
  'rt-refresh-token-2',
  'whsec-webhook-3',
  'ya29.bearer-4',
  'EAAG-query-5',
  'oauth-json-6',
  'child-token-7',
  'cause-token-8',
  'stack-bearer-9',
  's3cret-a-8Hq2',
];

/** A logger writing into a string through a real winston Stream transport. */
function captureLogger(json: boolean): { logger: Logger; output: () => string } {
  let buffer = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      buffer += chunk.toString('utf8');
      callback();
    },
  });
  // winston types its transports as interfaces over TransportStream; this is a real instance.
   
  const transport: winston.transport = new winston.transports.Stream({ stream });
  const logger = createLogger({
    level: 'debug',
    json,
    redactor: createRedactor([registered]),
    transports: [transport],
  });
  return { logger, output: () => buffer };
}

function logEverySecret(logger: Logger): void {
  logger.info('account connected', {
    accountId: 'acc_1',
    tokenStatus: 'valid',
    accessToken: 'EAAG-page-token-1',
    auth: { refreshToken: 'rt-refresh-token-2' },
    hook: { url: 'https://hooks.chocon.vn/x', secret: 'whsec-webhook-3' },
  });
  logger.warn('platform call failed', {
    request: { headers: { Authorization: 'Bearer ya29.bearer-4' } },
    url: 'https://graph.facebook.com/v21.0/me?access_token=EAAG-query-5&fields=id',
    body: '{"access_token":"oauth-json-6","expires_in":3600}',
  });
  logger
    .child({ component: 'worker', sessionId: 'ses_1', accessToken: 'child-token-7' })
    .info('job started');
  const cause = new Error('token=cause-token-8 rejected');
  logger.error('publish failed', {
    error: Object.assign(new Error('Bearer stack-bearer-9 expired', { cause }), { kind: 'auth' }),
  });
  logger.error(new Error('raw error with Bearer stack-bearer-9'));
  logger.error('config loaded with LIVECUE_TOKENS=' + registered);
}

describe.each([true, false])('createLogger (json: %s)', (json) => {
  it('writes no secret anywhere in its output', () => {
    const { logger, output } = captureLogger(json);
    logEverySecret(logger);
    const text = output();
    expect(text.split('\n').filter(Boolean)).toHaveLength(6);
    for (const secret of leaks) expect(text).not.toContain(secret);
  });

  it('keeps messages, ids, tokenStatus and error details', () => {
    const { logger, output } = captureLogger(json);
    logEverySecret(logger);
    const text = output();
    for (const kept of [
      'account connected',
      'acc_1',
      '"tokenStatus":"valid"',
      'https://hooks.chocon.vn/x',
      'fields=id',
      'expires_in',
      '"component":"worker"',
      '"sessionId":"ses_1"',
      '"kind":"auth"',
      'raw error with Bearer [redacted]',
      'config loaded with LIVECUE_TOKENS=[redacted]',
    ]) {
      expect(text).toContain(kept);
    }
  });
});

describe('createLogger (json: true)', () => {
  it('writes one parseable JSON object per line with the redacted fields', () => {
    const { logger, output } = captureLogger(true);
    logEverySecret(logger);
    const records = output()
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records[0]).toMatchObject({
      level: 'info',
      message: 'account connected',
      accessToken: '[redacted]',
      auth: { refreshToken: '[redacted]' },
      hook: { secret: '[redacted]' },
      tokenStatus: 'valid',
    });
    expect(records[4]).toMatchObject({
      level: 'error',
      message: 'raw error with Bearer [redacted]',
    });
    expect(String(records[4]?.stack)).toMatch(/^Error: raw error with Bearer \[redacted\]\n\s+at /);
  });
});

describe('level filtering', () => {
  function levelLogger(level: string, transportLevel?: string): { logger: Logger; output: () => string; redactions: () => number } {
    let buffer = '';
    let redactions = 0;
    const inner = createRedactor([registered]);
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        buffer += chunk.toString('utf8');
        callback();
      },
    });
    const transport: winston.transport = new winston.transports.Stream({ stream, ...(transportLevel ? { level: transportLevel } : {}) });
    const logger = createLogger({
      level,
      json: true,
      redactor: { ...inner, redact: (v: unknown) => { redactions += 1; return inner.redact(v); } } as typeof inner,
      transports: [transport],
    });
    return { logger, output: () => buffer, redactions: () => redactions };
  }

  it('drops records below the level before redacting or formatting them', () => {
    const { logger, output, redactions } = levelLogger('warn');
    for (let i = 0; i < 50; i += 1) logger.child({ component: 'worker' }).info('job done', { i });
    logger.warn('kept');
    expect(redactions()).toBe(1);
    expect(output()).toContain('kept');
    expect(output()).not.toContain('job done');
  });

  it('keeps what a more verbose transport asks for', () => {
    const { logger, output } = levelLogger('warn', 'debug');
    logger.debug('for the debug transport');
    expect(output()).toContain('for the debug transport');
  });
});
