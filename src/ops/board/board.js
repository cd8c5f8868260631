// The schedule board: sign-in, polling /v1/board, filters, search, retries. No build step.
import { currentLang, setLang, t, translatePage } from './i18n.js';
import { NO_STAGE, STATES, failureGroups, h, laneStrip, sessionCard, summaryChips } from './render.js';

const POLL_MS = 4000;
const $ = (id) => document.getElementById(id);
/** The session's CSRF token (from sign-in and /ops/me), sent on every state-changing call. */
const state = { csrf: '', me: null, data: null, range: 'day', filters: { campaign: '', stage: '', platform: '', state: '', q: '' }, timer: null, busy: false };

async function api(method, path, body) {
  const res = await fetch(path, { method, credentials: 'same-origin', headers: { Accept: 'application/json', ...(method === 'GET' || !state.csrf ? {} : { 'X-CSRF-Token': state.csrf }), ...(body ? { 'Content-Type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  return { status: res.status, data };
}

function toast(text, kind = 'ok') {
  const el = $('toast');
  el.textContent = text;
  el.className = `toast toast-${kind}`;
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 3500);
}

function showLogin() {
  clearTimeout(state.timer);
  state.me = null;
  $('login').hidden = false;
  $('board').hidden = true;
  $('logout').hidden = true;
  $('queues-link').hidden = true;
  $('email').focus();
}

async function signIn(event, body, wrongText) {
  event.preventDefault();
  const err = $('login-error');
  err.hidden = true;
  const res = await api('POST', '/ops/login', body);
  if (res.status !== 200) {
    err.textContent = res.status === 401 ? wrongText : res.status === 429 ? t('tooMany') : t('signInFailed');
    err.hidden = false;
    return;
  }
  state.csrf = res.data?.csrfToken ?? '';
  for (const id of ['password', 'token']) $(id).value = '';
  const next = new URLSearchParams(location.search).get('next');
  if (next && next.startsWith('/admin/queues')) location.assign(next);
  else await start();
}

async function signOut() {
  await api('POST', '/ops/logout');
  state.csrf = '';
  showLogin();
}

function windowOf(range) {
  const now = Date.now();
  return { from: new Date(now - 6 * 3_600_000).toISOString(), to: new Date(now + (range === 'week' ? 7 * 24 : 24) * 3_600_000).toISOString() };
}

async function refresh() {
  clearTimeout(state.timer);
  const w = windowOf(state.range);
  try {
    const res = await api('GET', `/v1/board?from=${encodeURIComponent(w.from)}&to=${encodeURIComponent(w.to)}`);
    if (res.status === 401) return showLogin();
    if (res.status !== 200) throw new Error(String(res.status));
    state.data = res.data;
    render();
    $('refresh').textContent = `${t('updated')} ${new Date().toLocaleTimeString(currentLang() === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: res.data.timezone, hour12: false })}`;
    $('refresh').classList.remove('offline');
  } catch {
    $('refresh').textContent = t('offline');
    $('refresh').classList.add('offline');
  }
  state.timer = setTimeout(refresh, document.hidden ? POLL_MS * 4 : POLL_MS);
}

function sessionMatches(s, f) {
  if (f.campaign && s.campaignId !== f.campaign) return false;
  if (f.stage && (s.stageId ?? NO_STAGE) !== f.stage) return false;
  if ((f.platform || f.state) && !s.jobs.some((j) => jobMatches(j, f))) return false;
  if (!f.q) return true;
  const hay = [s.id, s.title, s.vendor?.name, s.vendor?.stall, s.vendor?.market, s.host?.name, s.campaignId, s.stageId, ...s.jobs.flatMap((j) => [j.id, j.kind, j.platform, j.accountId, j.lastError, j.reason])];
  return hay.some((v) => typeof v === 'string' && v.toLowerCase().includes(f.q));
}

function jobMatches(j, f) {
  if (f.platform && (j.platform ?? 'session') !== f.platform) return false;
  return !f.state || j.state === f.state;
}

async function retry(ids, button, errorKind) {
  if (button) button.disabled = true;
  const res = ids.length === 1 && !errorKind ? await api('POST', `/v1/jobs/${encodeURIComponent(ids[0])}/retry`) : await api('POST', '/v1/jobs/retry', errorKind ? { errorKind } : { ids });
  if (res.status === 200) toast(`${t('retried')}${ids.length > 1 ? ` (${res.data?.retried?.length ?? ids.length})` : ''}`);
  else toast(`${t('retryFailed')}: ${res.data?.error?.message ?? res.status}`, 'error');
  await refresh();
}

function fillSelect(id, options, value) {
  const el = $(id);
  el.replaceChildren(h('option', { value: '' }, t('all')), ...options.map(([v, label]) => h('option', { value: v }, label)));
  el.value = options.some(([v]) => v === value) ? value : '';
}

function render() {
  const d = state.data;
  if (!d) return;
  const f = state.filters;
  const canRetry = Boolean(state.me?.canRetry);
  fillSelect('f-campaign', d.campaigns.map((c) => [c, c]), f.campaign);
  fillSelect('f-stage', [...d.stages.map((s) => [s, s]), [NO_STAGE, t('noStage')]], f.stage);
  fillSelect('f-platform', [['facebook', 'facebook'], ['tiktok', 'tiktok'], ['youtube', 'youtube'], ['session', t('sessionLevel')]], f.platform);
  fillSelect('f-state', STATES.map((s) => [s, `${s} · ${t('stateHelp')[s]}`]), f.state);

  const shown = d.sessions.filter((s) => sessionMatches(s, f));
  const counts = {};
  for (const s of shown) for (const j of s.jobs) if (jobMatches(j, { ...f, state: '' })) counts[j.state] = (counts[j.state] ?? 0) + 1;
  $('summary').replaceChildren(...summaryChips(counts, shown.length, f.state, (s) => { f.state = s; render(); }));

  const byId = new Map(d.sessions.map((s) => [s.id, s]));
  $('failures').hidden = d.failures.length === 0;
  $('failures').replaceChildren(...failureGroups(d.failures, byId, canRetry, retry));

  const ctx = { tz: d.timezone, nowMs: Date.parse(d.now), fromMs: Date.parse(d.from), toMs: Date.parse(d.to), range: state.range, canRetry, onRetry: retry, jobVisible: (j) => jobMatches(j, f) };
  const lanes = [...d.stages, NO_STAGE].map((stage) => [stage, shown.filter((s) => (s.stageId ?? NO_STAGE) === stage)]).filter(([, list]) => list.length > 0);
  const timeline = $('timeline');
  if (lanes.length === 0) {
    timeline.replaceChildren(h('p', { class: 'empty' }, d.sessions.length === 0 ? t('noSessions') : t('noMatch')));
    return;
  }
  timeline.replaceChildren(...lanes.map(([stage, list]) => h('section', { class: `lane${stage === NO_STAGE ? ' lane-none' : ''}`, 'data-stage': stage },
    h('h2', { class: 'lane-title' }, stage === NO_STAGE ? t('noStage') : stage, h('span', { class: 'lane-count' }, String(list.length))),
    laneStrip(list, ctx),
    h('div', { class: 'cards' }, list.map((s) => sessionCard(s, ctx))))));
}

function bindControls() {
  $('login-form').addEventListener('submit', (e) => signIn(e, { email: $('email').value, password: $('password').value }, t('badPassword')));
  $('token-form').addEventListener('submit', (e) => signIn(e, { token: $('token').value }, t('badToken')));
  $('logout').addEventListener('click', signOut);
  $('lang').addEventListener('click', () => {
    setLang(currentLang() === 'vi' ? 'en' : 'vi');
    applyLang();
    render();
  });
  for (const b of document.querySelectorAll('[data-range]')) {
    b.addEventListener('click', () => {
      state.range = b.getAttribute('data-range');
      for (const x of document.querySelectorAll('[data-range]')) x.classList.toggle('active', x === b);
      void refresh();
    });
  }
  for (const [id, key] of [['f-campaign', 'campaign'], ['f-stage', 'stage'], ['f-platform', 'platform'], ['f-state', 'state']]) {
    $(id).addEventListener('change', (e) => { state.filters[key] = e.target.value; render(); });
  }
  $('q').addEventListener('input', (e) => { state.filters.q = e.target.value.trim().toLowerCase(); render(); });
  document.addEventListener('visibilitychange', () => { if (!document.hidden && state.me) void refresh(); });
}

function applyLang() {
  translatePage();
  $('lang').textContent = currentLang() === 'vi' ? 'EN' : 'VI';
}

async function start() {
  const me = await api('GET', '/ops/me');
  if (me.status !== 200) return showLogin();
  state.me = me.data;
  state.csrf = me.data.csrfToken ?? '';
  $('login').hidden = true;
  $('board').hidden = false;
  $('logout').hidden = false;
  $('queues-link').hidden = false;
  document.body.classList.toggle('read-only', !state.me.canRetry);
  if (window.matchMedia('(max-width: 640px)').matches) $('filters').open = false;
  await refresh();
}

applyLang();
bindControls();
void start();
