import type { ChannelName } from './channel';

/**
 * Why a message did not leave:
 * - `transient`: a passing problem (network, 5xx, throttling): try again later;
 * - `recipient`: this address cannot get it on this channel (number not on Zalo, mailbox refused):
 *   fall back to another channel;
 * - `template`: the channel refused the message itself (ZNS template rejected): fall back;
 * - `config`: this install's channel settings are wrong (app, secret, OA, quota): fall back, and ops
 *   are told.
 */
export type ChannelFailureKind = 'transient' | 'recipient' | 'template' | 'config';

export interface ChannelErrorInit {
  kind: ChannelFailureKind;
  /** The channel's structured code (Zalo `error`, SMTP reply code), as text. */
  code?: string;
  retryAfterMs?: number;
  /** No answer came back: the message may have left (so it is not sent again). */
  inDoubt?: boolean;
  cause?: unknown;
}

/** A failed send; `message` says what a person can do about it (never contains a secret). */
export class ChannelError extends Error {
  override readonly name = 'ChannelError';
  readonly kind: ChannelFailureKind;
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly inDoubt: boolean;

  constructor(
    readonly channel: ChannelName,
    message: string,
    init: ChannelErrorInit,
  ) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.code = init.code;
    this.retryAfterMs = init.retryAfterMs;
    this.inDoubt = init.inDoubt ?? false;
  }

  get retryable(): boolean {
    return this.kind === 'transient';
  }
}

export function isChannelError(err: unknown): err is ChannelError {
  return err instanceof ChannelError;
}
