/** A hook URL LiveCue will not call; the message says what to change. Never retryable. */
export class HookRefusedError extends Error {
  override readonly name = 'HookRefusedError';

  constructor(
    message: string,
    /** The address or name that was refused. */
    readonly target: string,
  ) {
    super(message);
  }
}
