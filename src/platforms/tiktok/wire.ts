import { z } from 'zod';

/** One HTTP answer from TikTok, body parsed as JSON when it was JSON (else null). */
export interface TiktokHttpResponse {
  status: number;
  body: unknown;
  retryAfter: string | undefined;
}

/**
 * Post ids in `publicaly_available_post_id` are int64 sent as bare JSON numbers, beyond Number
 * precision: quote them before parsing so they arrive as exact digit strings.
 */
export function parseTiktokJson(text: string): unknown {
  const protectedText = text.replace(/"publicaly_available_post_id"\s*:\s*\[[^\]]*\]/g, (list) =>
    list.replace(/(-?\d+)(?=\s*[,\]])/g, '"$1"'),
  );
  try {
    return JSON.parse(protectedText) as unknown;
  } catch {
    return null;
  }
}

/** The v2 envelope `{data, error:{code, message, log_id}}`; success only when `code === 'ok'`. */
export const envelopeSchema = z.object({
  data: z.unknown().optional(),
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    log_id: z.string().optional(),
  }),
});

/** Login Kit flat error `{error, error_description, log_id}`. */
export const oauthErrorSchema = z.object({
  error: z.string().min(1),
  error_description: z.string().optional(),
  log_id: z.string().optional(),
});

export const tokenGrantSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  refresh_token: z.string().optional(),
  refresh_expires_in: z.number().positive().optional(),
  open_id: z.string().optional(),
  scope: z.string().optional(),
});
export type TokenGrant = z.infer<typeof tokenGrantSchema>;

export const creatorInfoSchema = z.object({
  privacy_level_options: z.array(z.string()),
  creator_username: z.string().optional(),
  comment_disabled: z.boolean().optional(),
});

export const publishInitSchema = z.object({ publish_id: z.string().min(1) });

export const publishStatusSchema = z.object({
  status: z.string(),
  fail_reason: z.string().optional(),
  publicaly_available_post_id: z.array(z.union([z.string(), z.number()])).optional(),
});

export const videoListSchema = z.object({
  videos: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).optional(),
      title: z.string().optional(),
      video_description: z.string().optional(),
    }),
  ),
  cursor: z.number().optional(),
  has_more: z.boolean().optional(),
});
