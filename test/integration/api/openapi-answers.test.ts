/**
 * The OpenAPI document describes every answer the API gives (#11), request errors included: every
 * route of the table (src/api/routes.ts, and the public routes) is called over HTTP with the request errors its kind can
 * make (a malformed percent-encoding in a path parameter; another Content-Type and broken JSON on
 * the routes /v1 reads a JSON body for) and each answer's status must be documented for that
 * operation, with the answered error code named in that status' description.
 */
import { buildOpenApiDocument } from '../../../src/api/openapi/build-openapi';
import { openApiPath } from '../../../src/api/openapi/define-route';
import { API_ROUTES } from '../../../src/api/routes';
import { PUBLIC_ROUTES } from '../../../src/api/route-table/public-routes';
import { TEST_TOKENS, useTestApp } from '../../support/app';

interface Probe {
  name: string;
  method: string;
  path: string;
  body?: string;
  contentType?: string;
}

const doc = buildOpenApiDocument() as unknown as { paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>> };

/** One entry per method and path (a `when` variant shares its entry's operation). */
const routes = [...new Map(API_ROUTES.filter((r) => r.doc !== null).map((r) => [`${r.method} ${r.path}`, r] as const)).values()];

const probes: Probe[] = routes.flatMap((r): Probe[] => {
  const out: Probe[] = [];
  if (/:\w+/.test(r.path)) out.push({ name: 'malformed percent-encoding', method: r.method, path: r.path.replace(/:\w+/g, '%ZZ') });
  if (r.path.startsWith('/v1/') && r.stage === undefined && ['post', 'put', 'patch'].includes(r.method)) {
    const path = r.path.replace(/:\w+/g, 'x1');
    out.push({ name: 'text/plain body', method: r.method, path, body: 'hello', contentType: 'text/plain' });
    out.push({ name: 'broken JSON', method: r.method, path, body: '{"title":', contentType: 'application/json' });
  }
  return out.map((p) => ({ ...p, name: `${r.method.toUpperCase()} ${r.path}: ${p.name}`, documentedAs: `${r.method} ${openApiPath(r.path)}` }));
}).concat(
  // The public routes (their own body parsers): a path parameter's percent-encoding.
  PUBLIC_ROUTES.filter((r) => /:\w+/.test(r.path)).map((r) => ({ name: `${r.method.toUpperCase()} ${r.path}: malformed percent-encoding`, method: r.method, path: r.path.replace(/:\w+/g, '%ZZ'), documentedAs: `${r.method} ${openApiPath(r.path)}` })),
);

describe('every request error the API answers is in the OpenAPI document', () => {
  const app = useTestApp({ mode: 'api' });

  it('has probes for every kind', () => {
    expect(probes.some((p) => p.name.endsWith('malformed percent-encoding'))).toBe(true);
    expect(probes.some((p) => p.name.endsWith('text/plain body'))).toBe(true);
  });

  it.each(probes.map((p) => [p.name, p] as const))('%s', async (_name, probe) => {
    const res = await fetch(`${app.url}${probe.path}`, {
      method: probe.method.toUpperCase(),
      headers: { authorization: `Bearer ${TEST_TOKENS.admin}`, ...(probe.contentType ? { 'content-type': probe.contentType } : {}) },
      ...(probe.body !== undefined ? { body: probe.body } : {}),
    });
    const text = await res.text();
    const [method = '', path = ''] = (probe as Probe & { documentedAs: string }).documentedAs.split(' ');
    const responses = doc.paths[path]?.[method]?.responses ?? {};
    expect({ status: res.status, documented: Object.keys(responses) }).toEqual({ status: res.status, documented: expect.arrayContaining([String(res.status)]) as unknown });
    if (res.status >= 400) {
      const code = (JSON.parse(text) as { error: { code: string } }).error.code;
      expect(responses[String(res.status)]?.description ?? '').toContain(`\`${code}\``);
    }
  });
});
