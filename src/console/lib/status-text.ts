import type { SessionStatus } from '../api/types';
import type { TextKey } from '../i18n/en';

const KEYS: Record<SessionStatus, TextKey> = {
  scheduled: 'statusScheduled',
  live: 'statusLive',
  ended: 'statusEnded',
  cancelled: 'statusCancelled',
};

/** The catalog key naming a session status. */
export function statusKey(status: SessionStatus): TextKey {
  return KEYS[status];
}
