import { humanizeOffset } from './humanize-offset';
import { getMessagePhrases } from './message-phrases';
import { getPhrases } from './phrases';
import { linkLines, productSection, startText, vendorLines } from './sections';
import type { TextInput, TextLocale } from './text-input';

/** A message rendered for people: subject, plain text, HTML, and the ZNS template's parameters. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
  zaloData: Record<string, string>;
}

/** One live of the session as the host's encoder needs it (the URL carries the stream key). */
export interface IngestTarget {
  platform: string;
  ingestUrl: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** Plain lines as HTML paragraphs; links become anchors. */
export function toHtml(lines: string[], footer?: { intro: string; url: string; label: string }): string {
  const body = lines.map((l) => `<p>${escapeHtml(l).replace(/(https?:\/\/[^\s<]+)/g, '<a href="$1">$1</a>')}</p>`).join('\n');
  const foot = footer ? `\n<hr><p style="font-size:small">${escapeHtml(footer.intro)} <a href="${escapeHtml(footer.url)}">${escapeHtml(footer.label)}</a></p>` : '';
  return `<!doctype html><html><body>\n${body}${foot}\n</body></html>`;
}

function withFooter(lines: string[], locale: TextLocale, unsubscribeUrl?: string): { text: string; html: string } {
  if (!unsubscribeUrl) return { text: lines.join('\n'), html: toHtml(lines) };
  const m = getMessagePhrases(locale);
  return {
    text: [...lines, '', '--', `${m.unsubscribeFooter} ${unsubscribeUrl}`].join('\n'),
    html: toHtml(lines, { intro: m.unsubscribeFooter, url: unsubscribeUrl, label: m.unsubscribeLink }),
  };
}

/** The reminder: title, local time, vendor and stall, products with prices, where to watch. */
export function renderReminderMessage(input: TextInput, offset: string, unsubscribeUrl?: string): RenderedMessage {
  const phrases = getPhrases(input.locale);
  const away = humanizeOffset(offset, input.locale);
  const lines = [`${phrases.reminder(away)}: ${input.title}`, phrases.liveAt(startText(input)), ...vendorLines(input), ...productSection(input), ...linkLines(input)];
  const vendor = input.vendor ? [input.vendor.name, input.vendor.stall].filter(Boolean).join(' — ') : '';
  return {
    subject: getMessagePhrases(input.locale).reminderSubject(input.title, away),
    ...withFooter(lines, input.locale, unsubscribeUrl),
    zaloData: { title: input.title.slice(0, 100), time: startText(input), vendor: vendor.slice(0, 100), link: input.link ?? '', unsubscribe: unsubscribeUrl ?? '' },
  };
}

/** The host's go-live cue, with every ingest URL (stream keys): only ever rendered for the host. */
export function renderCueMessage(input: TextInput, ingest: readonly IngestTarget[]): RenderedMessage {
  const phrases = getPhrases(input.locale);
  const m = getMessagePhrases(input.locale);
  const ingestLines = ingest.length === 0 ? [] : [`${m.ingestLabel}:`, ...ingest.map((t) => `${t.platform}: ${t.ingestUrl}`), m.ingestWarning];
  const lines = [`${phrases.cue}: ${input.title}`, phrases.liveAt(startText(input)), ...vendorLines(input), ...ingestLines];
  return {
    subject: m.cueSubject(input.title),
    ...withFooter(lines, input.locale),
    zaloData: { title: input.title.slice(0, 100), time: startText(input), ingest: ingest.map((t) => `${t.platform}: ${t.ingestUrl}`).join('\n') },
  };
}

/** One live target's reading for the guard message. */
export interface GuardLine {
  target: string;
  signal: 'ok' | 'none' | 'bad';
}

/**
 * The on-air guard's warning to the host: which lives get no signal, and (host only) where the
 * encoder must push. `final`: the last guard before the start.
 */
export function renderGuardMessage(input: TextInput, lines: readonly GuardLine[], ingest: readonly IngestTarget[], final: boolean): RenderedMessage {
  const m = getMessagePhrases(input.locale);
  const ingestLines = ingest.length === 0 ? [] : [`${m.ingestLabel}:`, ...ingest.map((t) => `${t.platform}: ${t.ingestUrl}`), m.ingestWarning];
  const body = [
    m.guardSubject(input.title),
    getPhrases(input.locale).liveAt(startText(input)),
    m.guardIntro,
    ...lines.map((l) => `${l.target}: ${m.signalWords[l.signal]}`),
    ...(final ? [m.guardFinal] : []),
    ...ingestLines,
  ];
  return {
    subject: m.guardSubject(input.title),
    text: body.join('\n'),
    html: toHtml(body),
    zaloData: { title: input.title.slice(0, 100), time: startText(input), ingest: ingest.map((t) => `${t.platform}: ${t.ingestUrl}`).join('\n') },
  };
}

/** The double opt-in confirmation: a link to the confirm page. */
export function renderConfirmMessage(what: string, confirmUrl: string, locale: TextLocale): RenderedMessage {
  const m = getMessagePhrases(locale);
  const lines = [m.confirmIntro(what), `${m.confirmButton}: ${confirmUrl}`];
  return { subject: m.confirmSubject(what), text: lines.join('\n'), html: toHtml(lines), zaloData: { title: what.slice(0, 100), link: confirmUrl } };
}

/** Any other session event for a `notify` email entry (live, ended, cancelled, job failed). */
export function renderEventMessage(input: TextInput, event: string): RenderedMessage {
  const lines = [`${input.title}: ${event}`, getPhrases(input.locale).liveAt(startText(input)), ...linkLines(input)];
  return { subject: getMessagePhrases(input.locale).eventSubject(input.title, event), text: lines.join('\n'), html: toHtml(lines), zaloData: { title: input.title.slice(0, 100), time: startText(input) } };
}
