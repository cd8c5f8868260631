import type { AttemptPolicy } from '../store/sign-in-attempts';

const MINUTE = 60_000;

/**
 * Per email (whether or not it exists, so the answer tells nothing): from the 5th failure on each
 * attempt waits 1, 2, 4, 8, 16 s, and the 10th failure locks the email for 15 minutes.
 */
export const EMAIL_POLICY: AttemptPolicy = { windowMs: 15 * MINUTE, slowAfter: 5, baseDelayMs: 1000, maxDelayMs: MINUTE, lockAfter: 10, lockMs: 15 * MINUTE };

/** Per client address: more room (an office behind one NAT), then the same 15-minute lock. */
export const ADDRESS_POLICY: AttemptPolicy = { windowMs: 15 * MINUTE, slowAfter: 30, baseDelayMs: 1000, maxDelayMs: MINUTE, lockAfter: 100, lockMs: 15 * MINUTE };
