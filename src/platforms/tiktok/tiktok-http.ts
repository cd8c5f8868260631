import axios from 'axios';
import type { AxiosInstance, AxiosResponse } from 'axios';
import type { AdapterDeps, PlatformEndpoints } from '../endpoints';
import { classifyTiktokTransportError } from './classify-transport-error';
import { parseTiktokJson } from './wire';
import type { TiktokHttpResponse } from './wire';

export interface TiktokRequestInfo {
  operation: string;
  accountName: string;
}

/** Raw HTTP to TikTok: never throws for an HTTP status, only for a missing answer (classified). */
export interface TiktokHttp {
  postJson(path: string, accessToken: string, body: object | undefined, info: TiktokRequestInfo, query?: Record<string, string>): Promise<TiktokHttpResponse>;
  postForm(path: string, form: Record<string, string>, info: TiktokRequestInfo): Promise<TiktokHttpResponse>;
}

function toResponse(res: AxiosResponse<string>): TiktokHttpResponse {
  const retryAfter: unknown = res.headers['retry-after'];
  return {
    status: res.status,
    body: typeof res.data === 'string' ? parseTiktokJson(res.data) : null,
    retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
  };
}

export function createTiktokHttp(config: PlatformEndpoints['tiktok'], deps: AdapterDeps): TiktokHttp {
  const client: AxiosInstance = axios.create({
    baseURL: config.apiBaseUrl.replace(/\/+$/, ''),
    timeout: deps.timeoutMs,
    // TikTok reports some failures with HTTP 200: every body is read and classified by error.code.
    validateStatus: () => true,
    // Parse ourselves: int64 post ids must not pass through JSON.parse as numbers.
    responseType: 'text',
    transformResponse: [(data: unknown) => data],
    maxRedirects: 0,
  });

  async function send(info: TiktokRequestInfo, run: () => Promise<AxiosResponse<string>>): Promise<TiktokHttpResponse> {
    try {
      return toResponse(await run());
    } catch (err: unknown) {
      throw classifyTiktokTransportError(err, info.operation, info.accountName);
    }
  }

  return {
    postJson: (path, accessToken, body, info, query) =>
      send(info, () =>
        client.post<string>(path, body, {
          params: query,
          headers: { Authorization: `Bearer ${accessToken}`, 'Content-Type': 'application/json; charset=UTF-8' },
        }),
      ),
    postForm: (path, form, info) =>
      send(info, () =>
        client.post<string>(path, new URLSearchParams(form).toString(), {
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        }),
      ),
  };
}
