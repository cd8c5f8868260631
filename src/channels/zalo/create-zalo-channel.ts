import axios from 'axios';
import type { Channel, OutgoingMessage, SentMessage } from '../channel';
import { ChannelError } from '../channel-error';
import { classifyZnsError, ZNS_ACCESS_TOKEN_INVALID, zaloTransportError } from './classify-zalo-error';
import { getOaAccessToken } from './refresh-oa-token';
import type { OaTokenDeps } from './refresh-oa-token';

interface ZnsAnswer {
  error?: number;
  message?: string;
  data?: { msg_id?: string };
}

/**
 * ZNS template messages by phone number: `POST <ZALO_ZNS_URL>/message/template` with header
 * `access_token` and `{ phone, template_id, template_data, tracking_id }`
 * (https://developers.zalo.me/docs/zalo-notification-service/gui-tin-zns/gui-zns). The answer is
 * HTTP 200 with `error` 0 and `data.msg_id`, or a negative `error` (classify-zalo-error.ts).
 */
async function postTemplate(deps: OaTokenDeps, accessToken: string, phone: string, message: OutgoingMessage & Required<Pick<OutgoingMessage, 'zalo'>>): Promise<ZnsAnswer> {
  const { settings } = deps;
  try {
    const res = await axios.post<ZnsAnswer>(
      `${settings.znsUrl}/message/template`,
      { phone, template_id: settings.templates[message.zalo.template], template_data: message.zalo.data, tracking_id: message.trackingId },
      { headers: { access_token: accessToken, 'content-type': 'application/json' }, timeout: settings.timeoutMs, validateStatus: () => true, proxy: false },
    );
    if (res.status >= 500 || res.status === 429) throw zaloTransportError(res.status, undefined);
    if (typeof res.data !== 'object' || typeof res.data.error !== 'number') throw zaloTransportError(res.status, undefined);
    return res.data;
  } catch (err: unknown) {
    if (err instanceof ChannelError) throw err;
    throw zaloTransportError(undefined, err);
  }
}

/** The Zalo channel: ZNS templates, with the OA token refreshed before it expires. */
export function createZaloChannel(deps: OaTokenDeps): Channel {
  return {
    name: 'zalo',
    async send(phone: string, message: OutgoingMessage): Promise<SentMessage> {
      const { zalo } = message;
      if (!zalo) throw new ChannelError('zalo', 'this message has no Zalo template (ZNS sends templates only): send it by email', { kind: 'template' });
      const accessToken = await getOaAccessToken(deps);
      const answer = await postTemplate(deps, accessToken, phone, { ...message, zalo });
      if (answer.error === 0) return { id: answer.data?.msg_id ?? message.trackingId };
      if (answer.error === ZNS_ACCESS_TOKEN_INVALID) {
        await deps.store.dropAccessToken();
        throw new ChannelError('zalo', 'Zalo said the OA access token is invalid: it is refreshed and the message tried again', { kind: 'transient', code: String(answer.error) });
      }
      throw classifyZnsError(answer.error ?? -100);
    },
  };
}
