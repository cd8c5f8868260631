import { ChannelError } from '../channel-error';

/** Nodemailer's connection-level error codes that a later attempt can get past. */
const TRANSIENT_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EPROTOCOL']);

interface SmtpFailure {
  code?: unknown;
  responseCode?: unknown;
}

/**
 * Classifies a nodemailer failure from its structured fields (`responseCode`: the SMTP reply
 * code, RFC 5321 §4.2.1: 4yz transient, 5yz permanent; `code`: nodemailer's error class), never
 * from its text. 535/530 (authentication) is this install's configuration.
 */
export function classifySmtpError(err: unknown, host: string): ChannelError {
  const failure = (typeof err === 'object' && err !== null ? err : {}) as SmtpFailure;
  const reply = typeof failure.responseCode === 'number' ? failure.responseCode : undefined;
  const code = typeof failure.code === 'string' ? failure.code : undefined;
  if (code === 'EAUTH' || reply === 535 || reply === 530) {
    return new ChannelError('email', `the mail server ${host} refused LiveCue's login: check the user and password in SMTP_URL`, { kind: 'config', code: String(reply ?? code), cause: err });
  }
  if (reply !== undefined && reply >= 500) {
    return new ChannelError('email', `the mail server ${host} refused the address for good (SMTP ${String(reply)}): check the email address`, { kind: 'recipient', code: String(reply), cause: err });
  }
  if (code === 'EENVELOPE' && reply === undefined) {
    return new ChannelError('email', 'the email address cannot be used as a recipient: check it', { kind: 'recipient', code, cause: err });
  }
  if (reply !== undefined || (code !== undefined && TRANSIENT_CODES.has(code))) {
    return new ChannelError('email', `the mail server ${host} could not take the message now (${String(reply ?? code)}): it is tried again`, { kind: 'transient', code: String(reply ?? code), cause: err });
  }
  return new ChannelError('email', `sending mail through ${host} failed (${code ?? 'no code'}): it is tried again`, { kind: 'transient', ...(code ? { code } : {}), cause: err });
}
