import { badRequest, fieldRequired } from './google-errors';
import type { HandlerResult } from './google-errors';
import type { Fields } from './read-input';
import { asFields, countCodePoints, formatInstant, readBoolean, readInstant, readString } from './read-input';

export const privacyStatuses = ['public', 'unlisted', 'private'] as const;

export interface BroadcastSnippet {
  title: string;
  description: string;
  scheduledStartTime: string;
  scheduledEndTime?: string;
}

export interface BroadcastStatusFields {
  privacyStatus: string;
  selfDeclaredMadeForKids: boolean;
}

export interface BroadcastContentDetails {
  enableAutoStart: boolean;
  enableAutoStop: boolean;
  /** Undefined: keep the current value (YouTube's default for a new broadcast is true). */
  enableMonitorStream: boolean | undefined;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: HandlerResult };

const angleBrackets = /[<>]/;

/** `snippet` of insert/update: title 1–100 chars without `<>`, start required, end after start. */
export function parseBroadcastSnippet(body: Fields): Parsed<BroadcastSnippet> {
  const snippet = asFields(body.snippet);
  const title = readString(snippet.title);
  if (title === undefined || title.trim() === '') return fail(fieldRequired('title', 'snippet.title'));
  if (countCodePoints(title) > 100 || angleBrackets.test(title)) {
    return fail(badRequest('invalidTitle', 'The value for snippet.title is too long or contains invalid characters.'));
  }
  const description = readString(snippet.description) ?? '';
  // YouTube counts the description in bytes (liveBroadcasts#snippet.description).
  if (Buffer.byteLength(description, 'utf8') > 5000 || angleBrackets.test(description)) {
    return fail(badRequest('invalidDescription', 'The value for snippet.description is too long or contains invalid characters.'));
  }
  if (snippet.scheduledStartTime === undefined) {
    return fail(fieldRequired('scheduledStartTime', 'snippet.scheduledStartTime'));
  }
  const startMs = readInstant(snippet.scheduledStartTime);
  if (startMs === null) {
    return fail(badRequest('invalidScheduledStartTime', 'The value for snippet.scheduledStartTime is invalid.'));
  }
  const value: BroadcastSnippet = { title, description, scheduledStartTime: formatInstant(startMs) };
  if (snippet.scheduledEndTime !== undefined) {
    const endMs = readInstant(snippet.scheduledEndTime);
    if (endMs === null || endMs <= startMs) {
      return fail(badRequest('invalidScheduledEndTime', 'snippet.scheduledEndTime must be a time after snippet.scheduledStartTime.'));
    }
    value.scheduledEndTime = formatInstant(endMs);
  }
  return { ok: true, value };
}

/** `status` of insert/update: privacyStatus required and one of public/unlisted/private. */
export function parseBroadcastStatus(body: Fields): Parsed<BroadcastStatusFields> {
  if (body.status === undefined) return fail(fieldRequired('status', 'status'));
  const status = asFields(body.status);
  const privacyStatus = readString(status.privacyStatus);
  if (privacyStatus === undefined) return fail(fieldRequired('privacyStatus', 'status.privacyStatus'));
  if (!(privacyStatuses as readonly string[]).includes(privacyStatus)) {
    return fail(badRequest('invalidPrivacyStatus', `Invalid privacy status: ${privacyStatus}`));
  }
  return {
    ok: true,
    value: { privacyStatus, selfDeclaredMadeForKids: readBoolean(status.selfDeclaredMadeForKids) ?? false },
  };
}

/** `contentDetails`: auto start/stop default false; monitor stream kept unless given. */
export function parseBroadcastContentDetails(body: Fields): Parsed<BroadcastContentDetails> {
  const details = asFields(body.contentDetails);
  const monitor = asFields(details.monitorStream);
  return {
    ok: true,
    value: {
      enableAutoStart: readBoolean(details.enableAutoStart) ?? false,
      enableAutoStop: readBoolean(details.enableAutoStop) ?? false,
      enableMonitorStream: readBoolean(monitor.enableMonitorStream),
    },
  };
}

function fail<T>(error: HandlerResult): Parsed<T> {
  return { ok: false, error };
}
