import type { Deps } from '../../deps';
import { notFound } from '../../domain/errors';
import type { Session } from '../../domain/session';
import { formatLocalStart } from '../../text';
import { CONSENT_WORDING } from '../../text/consent-wording';

type Lang = 'vi' | 'en';

const WORDS = {
  vi: { remind: 'Nhắc tôi', email: 'Email', phone: 'Số điện thoại (Zalo)', coming: 'Các buổi sắp tới', vendors: 'Gian hàng', live: 'Xem trực tiếp', calendar: 'Thêm vào lịch', confirm: 'Xác nhận nhận nhắc lịch', confirmed: 'Đã xác nhận. Bạn sẽ nhận nhắc lịch.', unsubscribe: 'Hủy nhận nhắc lịch', unsubscribed: 'Đã hủy. Thông tin liên hệ của bạn đã được xóa.', sent: 'Đã ghi nhận. Hãy mở tin xác nhận chúng tôi vừa gửi.', bad: 'Liên kết không hợp lệ hoặc đã được dùng.' },
  en: { remind: 'Remind me', email: 'Email', phone: 'Phone (Zalo)', coming: 'Coming sessions', vendors: 'Vendors', live: 'Watch live', calendar: 'Add to calendar', confirm: 'Confirm reminders', confirmed: 'Confirmed. You will get the reminders.', unsubscribe: 'Unsubscribe', unsubscribed: 'Unsubscribed. Your contact has been deleted.', sent: 'Noted. Open the confirmation we just sent you.', bad: 'This link is unknown or was already used.' },
} as const;

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (t: string): string => t.replace(/[&<>"']/g, (c) => ESC[c] ?? c);

export const langOf = (q: unknown): Lang => (q === 'en' ? 'en' : 'vi');

/** A small phone-first page (server-rendered, no script). */
export function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:auto;padding:1rem;line-height:1.5}form{margin:.5rem 0 1.5rem}input,button{font-size:1rem;padding:.5rem;width:100%;box-sizing:border-box;margin:.25rem 0}label{display:block}</style>
</head><body><h1>${esc(title)}</h1>${body}</body></html>`;
}

function remindForm(lang: Lang, campaignId: string, field: 'sessionId' | 'vendorId', id: string, name: string): string {
  const w = WORDS[lang];
  const uid = `${field}-${id}`.replace(/[^a-zA-Z0-9_-]/g, '_');
  return `<form method="post" action="/v1/public/campaigns/${encodeURIComponent(campaignId)}/subscriptions?lang=${lang}" aria-label="${esc(`${w.remind}: ${name}`)}">
<input type="hidden" name="${field}" value="${esc(id)}"><input type="hidden" name="locale" value="${lang}">
<label for="e-${uid}">${w.email}</label><input id="e-${uid}" name="email" type="email" autocomplete="email">
<label for="p-${uid}">${w.phone}</label><input id="p-${uid}" name="phone" type="tel" autocomplete="tel">
<label><input type="checkbox" name="consent" value="true" required style="width:auto"> ${esc(CONSENT_WORDING[lang])}</label>
<button type="submit">${w.remind}</button></form>`;
}

function sessionBlock(lang: Lang, campaignId: string, s: Session): string {
  const links = Object.entries(s.runtime).filter(([t, r]) => t.startsWith('youtube:') && r.liveId).map(([, r]) => `<a href="https://www.youtube.com/watch?v=${esc(r.liveId ?? '')}">${WORDS[lang].live}</a>`);
  const platforms = [...new Set(s.targets.map((t) => t.platform))].join(', ');
  return `<section><h3>${esc(s.title)}</h3><p>${esc(formatLocalStart(s.startsAt, s.timezone, lang))}${s.vendor ? ` — ${esc(s.vendor.name)}` : ''}<br>${esc(platforms)} ${links.join(' ')}</p>${remindForm(lang, campaignId, 'sessionId', s.id, s.title)}</section>`;
}

/** `GET /c/:campaignId`: the campaign's coming sessions, each with a "Remind me" form, and its vendors. */
export async function renderCampaignPage(deps: Deps, campaignId: string, lang: Lang): Promise<string> {
  const store = deps.campaigns;
  const campaign = await store.get(campaignId);
  if (!campaign) throw notFound('campaign', campaignId);
  const ids = await deps.sessions.listIds({ fromMs: deps.clock.now(), toMs: Number.MAX_SAFE_INTEGER, campaignId, limit: 200 });
  const sessions = (await deps.sessions.getMany(ids.map((i) => i.id))).filter((s): s is Session => s !== null && s.status !== 'cancelled');
  const vendors = (await store.catalog(campaignId)).vendors;
  const w = WORDS[lang];
  const feed = `/v1/campaigns/${encodeURIComponent(campaignId)}/calendar.ics?key=${encodeURIComponent(campaign.feedKey)}`;
  const body = [
    `<p><a href="${esc(feed)}">${w.calendar}</a> · <a href="?lang=${lang === 'vi' ? 'en' : 'vi'}">${lang === 'vi' ? 'English' : 'Tiếng Việt'}</a></p>`,
    `<h2>${w.coming}</h2>`,
    ...sessions.map((s) => sessionBlock(lang, campaignId, s)),
    vendors.length > 0 ? `<h2>${w.vendors}</h2>` : '',
    ...vendors.map((v) => `<section><h3>${esc(v.name)}</h3>${remindForm(lang, campaignId, 'vendorId', v.id, v.name)}</section>`),
  ].join('\n');
  return page(lang, campaign.name, body);
}

/** A page with one button that POSTs the token (confirm, unsubscribe): a link scanner's GET changes nothing. */
export function renderTokenPage(lang: Lang, action: 'confirm' | 'unsubscribe', token: string): string {
  const w = WORDS[lang];
  const path = action === 'confirm' ? '/v1/public/subscriptions/confirm' : '/v1/public/unsubscribe';
  const label = action === 'confirm' ? w.confirm : w.unsubscribe;
  return page(lang, label, `<form method="post" action="${path}?lang=${lang}"><input type="hidden" name="token" value="${esc(token)}"><button type="submit">${label}</button></form>`);
}

export function renderResultPage(lang: Lang, result: 'confirmed' | 'unsubscribed' | 'sent' | 'bad'): string {
  const text = WORDS[lang][result];
  return page(lang, 'LiveCue', `<p role="status">${esc(text)}</p>`);
}
