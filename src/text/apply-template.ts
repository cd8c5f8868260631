/** Values for the placeholders an organizer may use in a text override. */
export interface TemplateValues {
  title: string;
  start: string;
  link: string;
  products: string;
}

const PLACEHOLDER = /\{(title|start|link|products)\}/g;

/**
 * Replaces `{title}`, `{start}`, `{link}` and `{products}` in one pass: unknown placeholders stay
 * as written, and a value that itself contains `{link}` is not expanded again.
 */
export function applyTemplate(template: string, values: TemplateValues): string {
  return template.replace(PLACEHOLDER, (_match, name: keyof TemplateValues) => values[name]);
}
