import { classifyGraphError, defaultRateLimitRetryMs, spentPlatformLimitRetryMs } from '../../../../src/platforms/facebook/classify-error';
import type { HeaderMap } from '../../../../src/platforms/facebook/read-usage';
import type { PlatformErrorKind } from '../../../../src/platforms/platform-error';

const page = 'Fanpage Chợ Cồn';

function graphError(code: number | string, subcode?: number, extra: Record<string, unknown> = {}): unknown {
  return { error: { message: 'some Graph text', type: 'OAuthException', code, ...(subcode === undefined ? {} : { error_subcode: subcode }), fbtrace_id: 'AbC123', ...extra } };
}

function classify(body: unknown, httpStatus = 400, headers: HeaderMap = {}) {
  return classifyGraphError({ operation: 'publishPost', accountName: page, httpStatus, body, headers });
}

// https://developers.facebook.com/docs/graph-api/guides/error-handling, one row per code/subcode.
const table: [code: number, subcode: number | undefined, httpStatus: number, kind: PlatformErrorKind, retryable: boolean][] = [
  [1, undefined, 500, 'unavailable', true],
  [2, undefined, 503, 'unavailable', true],
  [3, undefined, 400, 'permission', false],
  [10, undefined, 403, 'permission', false],
  [200, undefined, 403, 'permission', false],
  [230, undefined, 400, 'permission', false],
  [299, undefined, 400, 'permission', false],
  [200, 1363120, 400, 'permission', false],
  [200, 1363144, 400, 'permission', false],
  [4, undefined, 400, 'rate_limited', true],
  [17, undefined, 400, 'rate_limited', true],
  [32, undefined, 400, 'rate_limited', true],
  [613, undefined, 400, 'rate_limited', true],
  [341, undefined, 400, 'rate_limited', true],
  [80001, undefined, 400, 'rate_limited', true],
  [100, undefined, 400, 'invalid_request', false],
  [100, 33, 400, 'not_found', false],
  [102, undefined, 400, 'auth', false],
  [190, undefined, 400, 'auth', false],
  [190, 458, 400, 'auth', false],
  [190, 459, 400, 'auth', false],
  [190, 460, 400, 'auth', false],
  [190, 463, 400, 'auth', false],
  [190, 464, 400, 'auth', false],
  [190, 467, 400, 'auth', false],
  [190, 492, 400, 'auth', false],
  [368, undefined, 400, 'policy', false],
  [506, undefined, 400, 'invalid_request', false],
  [1609005, undefined, 400, 'invalid_request', false],
];

describe('classifyGraphError', () => {
  test.each(table)('classifies Graph code %p subcode %p (HTTP %p) as %p', (code, subcode, status, kind, retryable) => {
    const err = classify(graphError(code, subcode), status);
    expect(err.kind).toBe(kind);
    expect(err.retryable).toBe(retryable);
    expect(err.platform).toBe('facebook');
    expect(err.operation).toBe('publishPost');
    expect(err.httpStatus).toBe(status);
    expect(err.platformCode).toBe(subcode === undefined ? String(code) : `${code}/${subcode}`);
    expect(err.message).toContain(page);
    expect(err.retryAfterMs === undefined).toBe(kind !== 'rate_limited');
    expect(err.flagsAccount).toBe(kind === 'auth' || kind === 'permission');
  });

  test('tells the organizer which page to reconnect when its token was revoked', () => {
    expect(classify(graphError(190, 460)).message).toBe(
      "the Page token of 'Fanpage Chợ Cồn' was revoked (password changed or session ended by Facebook): reconnect the page in LiveCue",
    );
  });

  test('explains that a checkpointed or unconfirmed user must act on facebook.com first', () => {
    expect(classify(graphError(190, 459)).message).toContain('log in on facebook.com');
    expect(classify(graphError(190, 464)).message).toContain('confirm it on facebook.com');
  });

  test('explains go-live eligibility instead of a bare permission error', () => {
    expect(classify(graphError(200, 1363120)).message).toContain('not eligible to go live');
  });

  test('never reads the message text: the same code classifies the same whatever it says', () => {
    const expiredText = classify(graphError(100, undefined, { message: 'Session has expired' }));
    const rateText = classify(graphError(190, 463, { message: '(#4) Application request limit reached' }));
    expect(expiredText.kind).toBe('invalid_request');
    expect(rateText.kind).toBe('auth');
  });

  test('reads codes sent as strings', () => {
    expect(classify(graphError('190', 463)).kind).toBe('auth');
  });

  test('waits the Business Use Case estimate (minutes) when the page header gives one', () => {
    const headers = { 'x-business-use-case-usage': JSON.stringify({ '1234': [{ type: 'pages', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 7 }] }) };
    expect(classify(graphError(80001), 400, headers).retryAfterMs).toBe(7 * 60_000);
    expect(classify(graphError(32), 400, headers).retryAfterMs).toBe(7 * 60_000);
  });

  test('waits an hour on a platform limit whose X-App-Usage shows the budget spent', () => {
    const headers = { 'x-app-usage': JSON.stringify({ call_count: 100, total_time: 12, total_cputime: 9 }) };
    expect(classify(graphError(4), 400, headers).retryAfterMs).toBe(spentPlatformLimitRetryMs);
    expect(classify(graphError(17), 400, headers).retryAfterMs).toBe(spentPlatformLimitRetryMs);
    expect(classify(graphError(32), 400, headers).retryAfterMs).toBe(defaultRateLimitRetryMs);
  });

  test('probes again after a minute when no header says how long a limit lasts', () => {
    expect(classify(graphError(613)).retryAfterMs).toBe(60_000);
    expect(classify(graphError(4), 400, { 'x-app-usage': JSON.stringify({ call_count: 40 }) }).retryAfterMs).toBe(60_000);
  });

  test('treats an HTTP 5xx without an error body as unavailable', () => {
    const err = classify('', 502);
    expect(err.kind).toBe('unavailable');
    expect(err.retryable).toBe(true);
    expect(err.platformCode).toBeUndefined();
  });

  test('treats a bare HTTP 429 as rate limited and other bare answers as unknown', () => {
    expect(classify(undefined, 429).kind).toBe('rate_limited');
    expect(classify('<html>not found</html>', 404).kind).toBe('unknown');
  });

  test('treats an unlisted code as unavailable only when Graph marks it transient or answers 5xx', () => {
    expect(classify(graphError(1363047, undefined, { is_transient: true })).kind).toBe('unavailable');
    expect(classify(graphError(12345), 500).kind).toBe('unavailable');
    const unknown = classify(graphError(12345));
    expect(unknown.kind).toBe('unknown');
    expect(unknown.platformCode).toBe('12345');
  });
});
