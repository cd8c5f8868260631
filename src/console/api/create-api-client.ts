import { toApiError } from './api-error';

export interface RequestOptions {
  body?: unknown;
  /** A raw body with its own Content-Type (e.g. a CSV sheet). */
  raw?: { text: string; contentType: string };
  headers?: Record<string, string>;
}

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

/** The console's typed client of the public HTTP API: the session cookie, and X-CSRF-Token on unsafe methods. */
export interface ApiClient {
  get<T>(path: string): Promise<T>;
  send<T>(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options?: RequestOptions): Promise<Answer<T>>;
  setCsrfToken(token: string | null): void;
}

const parse = async (res: Response): Promise<unknown> => {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export function createApiClient(base = ''): ApiClient {
  let csrf: string | null = null;
  const request = async <T>(method: string, path: string, options: RequestOptions = {}): Promise<Answer<T>> => {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    let body: string | undefined;
    if (options.raw) {
      body = options.raw.text;
      headers['content-type'] = options.raw.contentType;
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const res = await fetch(`${base}${path}`, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body }) });
    const parsed = await parse(res);
    if (!res.ok) throw toApiError(res.status, parsed);
    return { status: res.status, body: parsed as T, headers: res.headers };
  };
  return {
    get: async <T>(path: string) => (await request<T>('GET', path)).body,
    send: (method, path, options) => request(method, path, options),
    setCsrfToken: (token) => {
      csrf = token;
    },
  };
}
