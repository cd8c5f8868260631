import { ChannelError } from '../channel-error';
import type { ChannelFailureKind } from '../channel-error';

/**
 * ZNS answers `{ "error": <code>, "message" }`, `error` 0 on success. Classified from the number
 * only, per Zalo's own table of ZNS error codes and what to do about each:
 * https://zalo.cloud/zns/guidelines/handle-error-code
 * `-124` (access token invalid) is handled by the caller: the token is dropped and refreshed.
 */
const ZNS_ERRORS: Record<number, { kind: ChannelFailureKind; says: string }> = {
  [-100]: { kind: 'transient', says: 'Zalo had an unknown error' },
  [-101]: { kind: 'config', says: 'the Zalo app is invalid: check ZALO_APP_ID' },
  [-102]: { kind: 'config', says: 'the Zalo app does not exist: check ZALO_APP_ID' },
  [-103]: { kind: 'config', says: 'the Zalo app is not activated: activate it at Zalo for Developers' },
  [-104]: { kind: 'config', says: 'the Zalo app secret is invalid: check ZALO_APP_SECRET' },
  [-105]: { kind: 'config', says: 'the Zalo app is not linked to an Official Account: link it' },
  [-106]: { kind: 'config', says: 'Zalo does not support this method' },
  [-107]: { kind: 'template', says: 'Zalo refused the message id' },
  [-108]: { kind: 'recipient', says: 'Zalo says the phone number is invalid: check it' },
  [-109]: { kind: 'template', says: 'the ZNS template id is invalid: check ZALO_TEMPLATE_*' },
  [-110]: { kind: 'recipient', says: "the person's Zalo app is too old to receive ZNS" },
  [-111]: { kind: 'template', says: 'the ZNS template got no data' },
  [-112]: { kind: 'template', says: "the ZNS template data does not match the template's parameters" },
  [-113]: { kind: 'template', says: 'a ZNS template button is invalid' },
  [-114]: { kind: 'recipient', says: 'the person cannot receive ZNS (inactive, refused ZNS, or an old Zalo app)' },
  [-115]: { kind: 'config', says: 'the ZNS account is out of quota: top it up' },
  [-116]: { kind: 'template', says: 'Zalo refused the message text' },
  [-117]: { kind: 'template', says: 'the OA or app may not use this ZNS template: check ZALO_TEMPLATE_*' },
  [-118]: { kind: 'recipient', says: 'the phone number has no Zalo account' },
  [-119]: { kind: 'recipient', says: 'the Zalo account cannot receive ZNS messages' },
};

/** The ZNS code meaning the OA access token is invalid or expired. */
export const ZNS_ACCESS_TOKEN_INVALID = -124;

/** A ZNS `error` code as a ChannelError; unknown codes are transient (retried, then fallen back). */
export function classifyZnsError(code: number): ChannelError {
  const known = ZNS_ERRORS[code];
  const kind = known?.kind ?? 'transient';
  const says = known?.says ?? `Zalo answered error ${String(code)}`;
  return new ChannelError('zalo', `${says} (ZNS error ${String(code)})`, { kind, code: String(code) });
}

/** Transport failures (no ZNS answer, or HTTP 5xx/429): retried. */
export function zaloTransportError(status: number | undefined, cause: unknown): ChannelError {
  const what = status === undefined ? 'could not be reached' : `answered HTTP ${String(status)}`;
  return new ChannelError('zalo', `Zalo ${what}: it is tried again`, { kind: 'transient', ...(status !== undefined ? { code: `http_${String(status)}` } : { inDoubt: true }), cause });
}
