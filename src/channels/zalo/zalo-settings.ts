/** What the Zalo channel needs, resolved (sandbox defaults filled in by deps). */
export interface ZaloSettings {
  /** ZNS base: `POST <znsUrl>/message/template`. */
  znsUrl: string;
  /** OAuth base: `POST <oauthUrl>/v4/oa/access_token`. */
  oauthUrl: string;
  appId: string;
  appSecret: string;
  templates: { reminder: string; cue: string; confirm: string };
  timeoutMs: number;
}
