import type { Session } from '../src/domain/session';
import { createTextInput } from '../src/text';
import type { TextInput } from '../src/text';

/** Text input for a session; the watch link is the YouTube broadcast's when one exists. */
export function textInputFor(session: Session): TextInput {
  const youtube = Object.entries(session.runtime).find(([target, r]) => target.startsWith('youtube:') && r.liveId !== null);
  const liveId = youtube?.[1].liveId;
  return createTextInput(session, liveId ? { link: `https://www.youtube.com/watch?v=${liveId}` } : {});
}
