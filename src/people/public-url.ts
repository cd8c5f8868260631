import type { Config } from '../../config/load-config';

/** LIVECUE_PUBLIC_URL without a trailing slash, or `http://127.0.0.1:<port>` (api.md "Running"). */
export function publicBaseUrl(config: Pick<Config, 'publicUrl'>, port: number): string {
  return (config.publicUrl ?? `http://127.0.0.1:${port}`).replace(/\/+$/, '');
}

/** The session cookie is Secure unless LIVECUE_PUBLIC_URL is plain http (the default is). */
export function isSecureCookie(config: Pick<Config, 'publicUrl'>): boolean {
  return config.publicUrl !== null && config.publicUrl.startsWith('https:');
}
