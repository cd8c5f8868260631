import type { JobRecord } from '../domain/session';

/**
 * The group a failed job belongs to: the structured kind the worker recorded
 * (`facebook: auth 190/460`), else the failure message's template (below).
 */
export function errorKindOfJob(job: Pick<JobRecord, 'platform' | 'lastError' | 'result'>): string {
  const kind = job.result?.errorKind;
  if (typeof kind === 'string') {
    const code = job.result?.platformCode;
    return `${job.platform ?? 'session'}: ${kind}${typeof code === 'string' ? ` ${code}` : ''}`;
  }
  return errorKindOf(job.platform, job.lastError);
}

/**
 * The group a failure belongs to on the board: platform plus the failure message with its
 * particulars (quoted names, numbers, ids, URLs) blanked out. LiveCue's own messages come from one
 * template per error-table row, so this is one group per kind of failure, e.g.
 * `facebook: Facebook refused the request for '…' (code #): (#) …`.
 */
export function errorKindOf(platform: string | null, lastError: string | null): string {
  const text = (lastError ?? 'no error recorded')
    .replace(/https?:\/\/\S+/g, '<url>')
    .replace(/'[^']*'|"[^"]*"|“[^”]*”/g, '…')
    .replace(/\b(ses|acc|evt)_[A-Za-z0-9_-]+/g, '…')
    .replace(/\d+(\.\d+)?/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
  return `${platform ?? 'session'}: ${text.length > 160 ? `${text.slice(0, 159)}…` : text}`;
}
