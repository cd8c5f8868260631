import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/** What a fake TikTok handler answers; the Express layer only sends it. */
export interface TiktokAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A log id shaped like TikTok's: UTC timestamp (yyyyMMddHHmmss) + random hex. */
export function createLogId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/\D/g, '').slice(0, 14);
  return `${stamp}${randomBytes(9).toString('hex').toUpperCase()}`;
}

/** Success: TikTok wraps even successes in `{data, error:{code:"ok"}}`. */
export function okAnswer(nowMs: number, data: object): TiktokAnswer {
  return { status: 200, body: { data, error: { code: 'ok', message: '', log_id: createLogId(nowMs) } } };
}

/** A v2 API failure; `data` is an empty object as in TikTok's samples. */
export function errorAnswer(nowMs: number, status: number, code: string, message: string): TiktokAnswer {
  return { status, body: { data: {}, error: { code, message, log_id: createLogId(nowMs) } } };
}

/** OAuth endpoints use a flat error shape instead of the v2 envelope. */
export function oauthErrorAnswer(nowMs: number, status: number, error: string, description: string): TiktokAnswer {
  return { status, body: { error, error_description: description, log_id: createLogId(nowMs) } };
}

/**
 * Post ids are int64 and TikTok sends `publicaly_available_post_id` as bare JSON numbers, which
 * exceed Number precision; the fake keeps them as digit strings and writes them unquoted so
 * clients face the same wire format.
 */
function renderJson(body: unknown): string {
  return JSON.stringify(body).replace(/"publicaly_available_post_id":\[[^\]]*\]/g, (list) =>
    list.replace(/"(\d+)"/g, '$1'),
  );
}

export function sendAnswer(res: Response, answer: TiktokAnswer): void {
  for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
  res.status(answer.status).type('application/json; charset=utf-8').send(renderJson(answer.body));
}
