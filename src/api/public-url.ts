import type { Request } from 'express';
import type { Config } from '../../config/load-config';
import { publicBaseUrl } from '../people/public-url';

/**
 * The address people reach LiveCue at (`LIVECUE_PUBLIC_URL`), by default
 * `http://127.0.0.1:<the port this request came in on>` (so `PORT=0` works too).
 */
export function publicUrlOf(config: Pick<Config, 'publicUrl'>, req: Request): string {
  return publicBaseUrl(config, req.socket.localPort ?? 80);
}
