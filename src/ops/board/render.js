// DOM builders of the schedule board. Text goes in through textContent only (never innerHTML).
import { locale, t } from './i18n.js';

export const STATES = ['pending', 'running', 'completed', 'failed', 'skipped', 'cancelled'];
export const NO_STAGE = '__none';

/** `h('div', {class: 'x'}, child…)`: an element with attributes and children (strings or nodes). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}

const timeFmt = (tz) => new Intl.DateTimeFormat(locale(), { timeZone: tz, hour: '2-digit', minute: '2-digit', hour12: false });
const dayKey = (ms, tz) => new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);

export function formatTime(iso, tz) {
  return timeFmt(tz).format(Date.parse(iso));
}

/** Today / Tomorrow / Yesterday, else a short weekday and date, in the board's zone. */
export function formatDay(iso, tz, nowMs) {
  const ms = Date.parse(iso);
  const key = dayKey(ms, tz);
  if (key === dayKey(nowMs, tz)) return t('today');
  if (key === dayKey(nowMs + 86_400_000, tz)) return t('tomorrow');
  if (key === dayKey(nowMs - 86_400_000, tz)) return t('yesterday');
  return new Intl.DateTimeFormat(locale(), { timeZone: tz, weekday: 'short', day: 'numeric', month: 'numeric' }).format(ms);
}

/** The most telling state of a session's jobs: failed > running > pending > completed > others. */
export function worstState(jobs) {
  for (const s of ['failed', 'running', 'pending', 'completed', 'skipped', 'cancelled']) if (jobs.some((j) => j.state === s)) return s;
  return 'pending';
}

export function summaryChips(counts, sessionsShown, activeState, onPick) {
  const chips = [h('span', { class: 'chip chip-total' }, h('b', {}, String(sessionsShown)), ` ${t('sessions')}`)];
  for (const s of STATES) {
    const pressed = activeState === s;
    chips.push(h('button', { type: 'button', class: `chip state-${s}${pressed ? ' pressed' : ''}`, 'aria-pressed': pressed ? 'true' : 'false', title: t('stateHelp')[s], onclick: () => onPick(pressed ? '' : s) }, h('b', {}, String(counts[s] ?? 0)), ` ${s}`));
  }
  return chips;
}

/** One job badge: `<kind> · <platform>` and the state name, coloured by state. */
export function jobBadge(job, tz, canRetry, onRetry) {
  const where = job.platform ?? 'session';
  const tip = [`${job.kind} · ${where}${job.accountId ? ` · ${job.accountId}` : ''}`, `${formatTime(job.runAt, tz)} · ${job.attempts} ${t('attempts')}`, job.lastError ?? job.reason ?? ''].filter(Boolean).join('\n');
  const badge = h('span', { class: `badge state-${job.state}`, 'data-job-id': job.id, 'data-state': job.state, title: tip },
    h('span', { class: 'b-kind' }, job.kind),
    h('span', { class: 'b-plat' }, where),
    h('span', { class: 'b-state' }, job.state));
  if (job.state !== 'failed') return badge;
  return h('div', { class: 'failed-job', 'data-job-id': job.id },
    badge,
    h('p', { class: 'fail-reason' }, job.lastError ?? '—'),
    canRetry ? h('button', { type: 'button', class: 'retry', 'data-retry': job.id, onclick: (e) => onRetry([job.id], e.currentTarget) }, `↻ ${t('retry')}`) : null);
}

/** The session's messages to people: `N sent · N failed …` and each failure's masked recipient and reason. */
export function deliverySummary(d) {
  if (!d || d.total === 0) return null;
  const parts = ['sent', 'failed', 'pending', 'skipped'].filter((k) => d.counts[k] > 0).map((k) => h('span', { class: `dlv-count state-${k === 'sent' ? 'completed' : k}`, 'data-delivery-state': k }, h('b', {}, String(d.counts[k])), ` ${k}`));
  return h('div', { class: 'deliveries', 'data-deliveries': String(d.total) },
    h('p', { class: 'dlv-head' }, h('b', {}, `${t('deliveries')}: `), parts),
    d.failures.length ? h('ul', { class: 'dlv-failures' }, d.failures.map((f) => h('li', { 'data-channel': f.channel }, `${f.channel} · ${f.role} · ${f.recipient}: ${f.lastError ?? '—'}`))) : null);
}

/** The on-air guard's last reading per live: a dot per target (ok green, none grey, bad red) and when. */
export function signalRow(signals, tz) {
  if (signals.length === 0) return null;
  return h('p', { class: 'signals', 'data-signals': signals.map((x) => `${x.target}=${x.signal}`).join(' ') },
    h('b', {}, `${t('signal')}: `),
    signals.map((x) => h('span', { class: `signal signal-${x.signal}`, 'data-target': x.target, 'data-signal': x.signal, title: t('signalHelp')[x.signal] },
      `${x.target} ${x.signal}${x.checkedAt ? ` (${formatTime(x.checkedAt, tz)})` : ''}`)));
}

export function sessionCard(s, ctx) {
  const tz = s.timezone || ctx.tz;
  const jobs = s.jobs.filter(ctx.jobVisible).sort((a, b) => a.runAt.localeCompare(b.runAt));
  const vendor = s.vendor ? [s.vendor.name, s.vendor.stall].filter(Boolean).join(' · ') : null;
  const failed = jobs.filter((j) => j.state === 'failed');
  const others = jobs.filter((j) => j.state !== 'failed');
  return h('article', { class: `session status-${s.status} worst-${worstState(s.jobs)}`, id: `s-${s.id}`, 'data-session-id': s.id },
    h('header', { class: 'session-head' },
      h('div', { class: 'when' }, h('span', { class: 'time' }, `${formatTime(s.startsAt, tz)}–${formatTime(s.endsAt, tz)}`), h('span', { class: 'day' }, formatDay(s.startsAt, tz, ctx.nowMs))),
      h('span', { class: `status-pill status-${s.status}` }, s.status)),
    h('h3', { class: 'title' }, s.title),
    h('p', { class: 'meta' },
      vendor ? h('span', {}, h('b', {}, `${t('vendor')}: `), vendor) : null,
      s.host ? h('span', {}, h('b', {}, `${t('host')}: `), s.host.name) : null,
      s.campaignId ? h('span', {}, h('b', {}, `${t('campaign')}: `), s.campaignId) : null),
    signalRow(s.signals ?? [], tz),
    failed.length ? h('div', { class: 'failed-list' }, failed.map((j) => jobBadge(j, tz, ctx.canRetry, ctx.onRetry))) : null,
    h('div', { class: 'badges' }, others.map((j) => jobBadge(j, tz, ctx.canRetry, ctx.onRetry))),
    deliverySummary(s.deliveries));
}

/** A lane's time strip: hour ticks, the now line and one bar per session (tap: jump to its card). */
export function laneStrip(sessions, ctx) {
  const span = ctx.toMs - ctx.fromMs;
  const pct = (ms) => `${Math.max(0, Math.min(100, ((ms - ctx.fromMs) / span) * 100))}%`;
  const strip = h('div', { class: `strip range-${ctx.range}`, 'aria-hidden': 'true' });
  const stepMs = ctx.range === 'week' ? 86_400_000 : 3 * 3_600_000;
  for (let ms = Math.ceil(ctx.fromMs / stepMs) * stepMs; ms < ctx.toMs; ms += stepMs) {
    const tick = h('span', { class: 'tick' }, ctx.range === 'week' ? formatDay(new Date(ms).toISOString(), ctx.tz, ctx.nowMs) : formatTime(new Date(ms).toISOString(), ctx.tz));
    tick.style.left = pct(ms);
    strip.append(tick);
  }
  const now = h('span', { class: 'now-line', title: t('now') });
  now.style.left = pct(ctx.nowMs);
  strip.append(now);
  for (const s of sessions) {
    const startMs = Date.parse(s.startsAt);
    const bar = h('button', { type: 'button', class: `bar worst-${worstState(s.jobs)} status-${s.status}`, title: `${formatTime(s.startsAt, ctx.tz)} ${s.title}`, onclick: () => document.getElementById(`s-${s.id}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' }) }, s.title);
    bar.style.left = pct(startMs);
    bar.style.width = `max(6px, calc(${pct(Date.parse(s.endsAt))} - ${pct(startMs)}))`;
    strip.append(bar);
  }
  return h('div', { class: 'strip-scroll' }, strip);
}

export function failureGroups(groups, sessionsById, canRetry, onRetry) {
  return [
    h('h2', {}, t('failuresTitle')),
    ...groups.map((g) => h('div', { class: 'failure-group', 'data-error-kind': g.errorKind },
      h('div', { class: 'fg-head' },
        h('span', { class: 'fg-count' }, String(g.count)),
        h('span', { class: 'fg-plat' }, g.platform ?? 'session'),
        canRetry ? h('button', { type: 'button', class: 'retry', 'data-retry-group': g.errorKind, onclick: (e) => onRetry(g.jobIds, e.currentTarget, g.errorKind) }, `↻ ${t('retryGroup')} (${g.count})`) : null),
      h('p', { class: 'fg-example' }, g.example ?? g.errorKind),
      h('details', {}, h('summary', {}, `${g.count} ${t('jobs')}`),
        h('ul', {}, g.jobIds.map((id) => h('li', {}, h('a', { href: `#s-${id.split('__')[0]}` }, `${sessionsById.get(id.split('__')[0])?.title ?? ''} — ${id.split('__').slice(1).join(' · ')}`))))))),
  ];
}
