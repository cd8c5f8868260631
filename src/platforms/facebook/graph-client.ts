import axios from 'axios';
import type { AxiosResponse } from 'axios';
import type { AccountContext } from '../adapter';
import type { AdapterDeps, PlatformEndpoints } from '../endpoints';
import { classifyGraphError } from './classify-error';
import { classifyTransportError } from './classify-transport-error';
import { readGraphUsage } from './read-usage';
import type { HeaderMap } from './read-usage';

/** One Graph call made for a page. */
export interface GraphRequest {
  /** Adapter operation, e.g. `publishPost` (logged, and kept on errors). */
  operation: string;
  account: AccountContext;
  method: 'GET' | 'POST' | 'DELETE';
  /** Path after the version, ids already encoded, e.g. `/123/feed`. */
  path: string;
  params?: Record<string, string | undefined>;
}

export interface GraphReply {
  body: Record<string, unknown>;
  /** Highest usage percent in the throttling headers, when Graph sent any. */
  usagePercent: number | undefined;
}

export interface GraphClient {
  /** Make the call once; a failure of any kind is thrown as a classified `PlatformError`. */
  call(request: GraphRequest): Promise<GraphReply>;
}

/** From this usage on, a rate limiter should slow down (https://developers.facebook.com/docs/graph-api/overview/rate-limiting). */
const highUsagePercent = 75;

/**
 * Graph over axios: the page token goes as `access_token` in the form body (POST) or the query
 * (GET, DELETE); every answer's body is read (`validateStatus: () => true`).
 */
export function createGraphClient(config: PlatformEndpoints['facebook'], deps: AdapterDeps): GraphClient {
  const http = axios.create({
    baseURL: `${config.graphBaseUrl.replace(/\/+$/, '')}/${config.graphVersion}`,
    timeout: deps.timeoutMs,
    validateStatus: () => true,
    maxRedirects: 0,
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: true },
  });
  const logger = deps.logger.child({ component: 'facebook-graph', platform: 'facebook' });

  return {
    async call(request) {
      const params = withToken(request);
      const startedAt = deps.clock.now();
      let response: AxiosResponse<unknown>;
      try {
        response =
          request.method === 'POST'
            ? await http.post(request.path, new URLSearchParams(params))
            : await http.request({ method: request.method, url: request.path, params });
      } catch (error) {
        throw classifyTransportError({ operation: request.operation, accountName: request.account.name, timeoutMs: deps.timeoutMs, error });
      }
      const headers = readHeaders(response.headers);
      const usagePercent = readGraphUsage(headers).usagePercent;
      const meta = {
        operation: request.operation,
        accountId: request.account.accountId,
        method: request.method,
        path: request.path,
        status: response.status,
        durationMs: deps.clock.now() - startedAt,
        usagePercent,
      };
      const body = response.data;
      if (response.status >= 200 && response.status < 300 && isRecord(body) && body.error === undefined) {
        if (usagePercent !== undefined && usagePercent >= highUsagePercent) logger.warn('graph usage high', meta);
        else logger.debug('graph call', meta);
        return { body, usagePercent };
      }
      logger.debug('graph call failed', meta);
      throw classifyGraphError({ operation: request.operation, accountName: request.account.name, httpStatus: response.status, body, headers });
    },
  };
}

function withToken(request: GraphRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(request.params ?? {})) if (value !== undefined) out[key] = value;
  out.access_token = request.account.credentials.accessToken;
  return out;
}

function readHeaders(headers: unknown): HeaderMap {
  const out: Record<string, string> = {};
  if (!isRecord(headers)) return out;
  for (const [key, value] of Object.entries(headers)) {
    if (typeof value === 'string') out[key.toLowerCase()] = value;
    else if (Array.isArray(value)) out[key.toLowerCase()] = value.map(String).join(', ');
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A path segment for a Graph id (`123_456` stays as it is). */
export function graphId(id: string): string {
  return encodeURIComponent(id);
}
