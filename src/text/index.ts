export { formatLocalStart, formatLocalTime, formatShortStart, formatVnd } from './format';
export { humanizeOffset } from './humanize-offset';
export { applyTemplate } from './apply-template';
export type { TemplateValues } from './apply-template';
export { appendMarker, createMarker, hasMarker, MARKER_LENGTH } from './marker';
export {
  renderAnnounce,
  renderCancelNotice,
  renderCue,
  renderLiveDescription,
  renderLivePost,
  renderReminder,
} from './render';
export { formatProduct, MAX_PRODUCT_LINES } from './sections';
export { createTextInput } from './text-input';
export type { TextExtras, TextInput, TextLocale, TextProduct } from './text-input';
export { renderConfirmMessage, renderCueMessage, renderEventMessage, renderGuardMessage, renderReminderMessage } from './render-messages';
export type { GuardLine } from './render-messages';
export type { IngestTarget, RenderedMessage } from './render-messages';
