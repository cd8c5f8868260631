import { buildOpenApiDocument } from '../../../src/api/openapi/build-openapi';
import { startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';

/**
 * The public reminder routes answer what the OpenAPI document says of them (PUBLIC_ROUTES): the
 * pages as HTML, errors in the one error shape with the documented statuses, no token needed.
 */
describe('the public reminder routes as documented', () => {
  let app: TestApp;
  const doc = buildOpenApiDocument() as any;
  const documented = (method: string, path: string): string[] => Object.keys(doc.paths[path]?.[method]?.responses ?? {});
  const send = (method: string, path: string, body?: string, type = 'application/json') =>
    fetch(`${app.url}${path}`, { method, ...(body !== undefined ? { body, headers: { 'content-type': type } } : {}) });
  const expectError = async (res: Response, status: number, code: string): Promise<void> => {
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
  };

  beforeAll(async () => {
    app = await startTestApp({}, 'api');
  }, 60_000);
  afterAll(async () => {
    await app.stop();
  });

  it('serves the pages as HTML and a missing campaign as 404', async () => {
    for (const path of ['/v1/public/subscriptions/confirm?token=abc', '/v1/public/unsubscribe?token=abc']) {
      const res = await send('GET', path);
      expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    }
    await expectError(await send('GET', '/c/no-such-campaign'), 404, 'not_found');
    expect(documented('get', '/c/{campaignId}')).toEqual(expect.arrayContaining(['200', '404']));
  });

  it('answers the documented errors of a subscription request', async () => {
    const path = '/v1/public/campaigns/no-such-campaign/subscriptions';
    await expectError(await send('POST', path, JSON.stringify({ email: 'an@khach.vn', sessionId: 'ses_1', consent: true })), 404, 'not_found');
    await expectError(await send('POST', path, JSON.stringify({ email: 'an@khach.vn', consent: false })), 400, 'validation_failed');
    await expectError(await send('POST', path, '{"email":'), 400, 'invalid_json');
    await expectError(await send('POST', path, 'email=an@khach.vn', 'text/plain'), 415, 'unsupported_media_type');
    await expectError(await send('POST', path, JSON.stringify({ email: 'x'.repeat(20_000) })), 413, 'payload_too_large');
    expect(documented('post', '/v1/public/campaigns/{id}/subscriptions')).toEqual(expect.arrayContaining(['202', '400', '404', '413', '415', '429']));
  });

  it('refuses unknown confirmation and unsubscribe tokens with invalid_token, as JSON or as a form', async () => {
    await expectError(await send('POST', '/v1/public/subscriptions/confirm', JSON.stringify({ token: 'nope' })), 400, 'invalid_token');
    await expectError(await send('POST', '/v1/public/unsubscribe?token=nope', ''), 400, 'invalid_token');
    const form = await send('POST', '/v1/public/unsubscribe?token=nope', 'List-Unsubscribe=One-Click', 'application/x-www-form-urlencoded');
    expect([form.status, form.headers.get('content-type')]).toEqual([400, 'text/html; charset=utf-8']);
    for (const path of ['/v1/public/subscriptions/confirm', '/v1/public/unsubscribe']) expect(documented('post', path)).toEqual(expect.arrayContaining(['200', '400']));
  });
});
