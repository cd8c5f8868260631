import { applyTemplate } from './apply-template';
import { humanizeOffset } from './humanize-offset';
import { getPhrases } from './phrases';
import {
  hostLines,
  linkLines,
  productLines,
  productSection,
  promotionLines,
  startText,
  timeRangeText,
  vendorLines,
} from './sections';
import type { TextInput } from './text-input';

function renderOverride(template: string, input: TextInput): string {
  return applyTemplate(template, {
    title: input.title,
    start: startText(input),
    link: input.link ?? '',
    products: productLines(input).join('\n'),
  });
}

/**
 * The promo post published ahead of a session. With `offset` (ISO duration before start, e.g.
 * `P1D`) the start line says how far away it is. `overrides.announce` replaces the whole text.
 */
export function renderAnnounce(input: TextInput, offset?: string): string {
  if (input.overrides?.announce !== undefined)
    return renderOverride(input.overrides.announce, input);
  const phrases = getPhrases(input.locale);
  const away =
    offset === undefined ? '' : ` (${phrases.inOffset(humanizeOffset(offset, input.locale))})`;
  return [
    input.title,
    `${phrases.liveAt(startText(input))}${away}`,
    ...vendorLines(input),
    ...productSection(input),
    ...promotionLines(input),
    ...linkLines(input),
  ].join('\n');
}

/** Description of the platform's scheduled live object (the live itself is the link). */
export function renderLiveDescription(input: TextInput): string {
  const phrases = getPhrases(input.locale);
  return [
    input.title,
    `${phrases.timeLabel}: ${timeRangeText(input)}`,
    ...vendorLines(input),
    ...hostLines(input),
    ...productSection(input),
    ...promotionLines(input),
  ].join('\n');
}

/** Reminder for the `notify` hooks: `Còn 1 giờ nữa: …` / `Starts in 1 hour: …`. */
export function renderReminder(input: TextInput, offset: string): string {
  const phrases = getPhrases(input.locale);
  return [
    `${phrases.reminder(humanizeOffset(offset, input.locale))}: ${input.title}`,
    phrases.liveAt(startText(input)),
    ...linkLines(input),
  ].join('\n');
}

/** The host's go-live cue at the start: `Đến giờ lên sóng: …` / `Time to go live: …`. */
export function renderCue(input: TextInput): string {
  const phrases = getPhrases(input.locale);
  return [
    `${phrases.cue}: ${input.title}`,
    phrases.liveAt(startText(input)),
    ...hostLines(input),
    ...vendorLines(input),
  ].join('\n');
}

/** Post telling the audience a session will not take place. */
export function renderCancelNotice(input: TextInput): string {
  return getPhrases(input.locale).cancelled(input.title, startText(input));
}

/** Post published when the session goes live; `overrides.live` replaces the whole text. */
export function renderLivePost(input: TextInput): string {
  if (input.overrides?.live !== undefined) return renderOverride(input.overrides.live, input);
  const phrases = getPhrases(input.locale);
  return [
    `${phrases.liveNow}: ${input.title}`,
    ...vendorLines(input),
    ...productSection(input),
    ...promotionLines(input),
    ...linkLines(input),
  ].join('\n');
}
