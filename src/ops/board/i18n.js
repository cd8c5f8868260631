// Labels of the schedule board in Vietnamese (default) and English. Job kinds and states are
// always shown with the API's names (announce, failed…); these are the words around them.
const LABELS = {
  vi: {
    boardTitle: 'Bảng lịch', jobDashboard: 'Bảng job', signOut: 'Đăng xuất',
    signInTitle: 'Đăng nhập bảng điều phối', signInHelp: 'Đăng nhập bằng email và mật khẩu của bạn.',
    email: 'Email', password: 'Mật khẩu', tokenWay: 'Đăng nhập bằng token máy', signInToken: 'Đăng nhập bằng token',
    token: 'Token', signIn: 'Đăng nhập', badToken: 'Token không đúng.', badPassword: 'Sai email hoặc mật khẩu.',
    tooMany: 'Thử sai quá nhiều lần, hãy đợi rồi thử lại.', signInFailed: 'Không đăng nhập được, thử lại.',
    rangeDay: 'Ngày', rangeWeek: 'Tuần', filters: 'Bộ lọc', search: 'Tìm', searchHint: 'Tiêu đề, gian hàng, job…',
    signal: 'Tín hiệu', signalHelp: { ok: 'bộ mã hoá đang phát', none: 'chưa có tín hiệu từ bộ mã hoá', bad: 'có tín hiệu nhưng lỗi' },
    campaign: 'Chiến dịch', stage: 'Sân khấu', platform: 'Nền tảng', state: 'Trạng thái job',
    all: 'Tất cả', noStage: 'Chưa có sân khấu', sessionLevel: 'cấp phiên (nhắc, cue)',
    sessions: 'phiên', jobs: 'job', now: 'Bây giờ', today: 'Hôm nay', tomorrow: 'Ngày mai', yesterday: 'Hôm qua',
    updated: 'Cập nhật', offline: 'Mất kết nối, đang thử lại…', retry: 'Thử lại', retryGroup: 'Thử lại cả nhóm',
    retried: 'Đã đưa job vào hàng đợi lại', retryFailed: 'Không thử lại được', failuresTitle: 'Lỗi theo loại',
    noSessions: 'Không có phiên nào trong khoảng này.', noMatch: 'Không có phiên nào khớp bộ lọc.',
    vendor: 'Gian hàng', host: 'Người dẫn', deliveries: 'Tin nhắn', reason: 'Lý do', attempts: 'lần chạy', readOnly: 'Chỉ xem',
    stateHelp: { pending: 'chờ', running: 'đang chạy', completed: 'xong', failed: 'lỗi', skipped: 'bỏ qua', cancelled: 'huỷ' },
  },
  en: {
    boardTitle: 'Schedule board', jobDashboard: 'Job dashboard', signOut: 'Sign out',
    signInTitle: 'Sign in to the ops board', signInHelp: 'Sign in with your email and password.',
    email: 'Email', password: 'Password', tokenWay: 'Sign in with a machine token', signInToken: 'Sign in with the token',
    token: 'Token', signIn: 'Sign in', badToken: 'Unknown token.', badPassword: 'Wrong email or password.',
    tooMany: 'Too many failed attempts: wait a moment and try again.', signInFailed: 'Could not sign in, try again.',
    rangeDay: 'Day', rangeWeek: 'Week', filters: 'Filters', search: 'Search', searchHint: 'Title, vendor, job…',
    signal: 'Signal', signalHelp: { ok: 'the encoder feeds the live', none: 'no signal from the encoder yet', bad: 'video arrives with problems' },
    campaign: 'Campaign', stage: 'Stage', platform: 'Platform', state: 'Job state',
    all: 'All', noStage: 'No stage', sessionLevel: 'session level (reminders, cue)',
    sessions: 'sessions', jobs: 'jobs', now: 'Now', today: 'Today', tomorrow: 'Tomorrow', yesterday: 'Yesterday',
    updated: 'Updated', offline: 'Connection lost, retrying…', retry: 'Retry', retryGroup: 'Retry group',
    retried: 'Job queued again', retryFailed: 'Could not retry', failuresTitle: 'Failures by kind',
    noSessions: 'No sessions in this window.', noMatch: 'No session matches the filters.',
    vendor: 'Vendor', host: 'Host', deliveries: 'Messages', reason: 'Reason', attempts: 'attempts', readOnly: 'Read-only',
    stateHelp: { pending: 'pending', running: 'running', completed: 'completed', failed: 'failed', skipped: 'skipped', cancelled: 'cancelled' },
  },
};

const KEY = 'livecue.board.lang';

export function currentLang() {
  const saved = localStorage.getItem(KEY);
  return saved === 'en' ? 'en' : 'vi';
}

export function setLang(lang) {
  localStorage.setItem(KEY, lang);
}

/** The label `key` in the current language. */
export function t(key) {
  const table = LABELS[currentLang()];
  return table[key] ?? LABELS.en[key] ?? key;
}

/** Fills every `data-i18n` element and `data-i18n-placeholder` input of the page. */
export function translatePage() {
  const lang = currentLang();
  document.documentElement.lang = lang;
  document.title = `LiveCue · ${t('boardTitle')}`;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));
  for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.setAttribute('placeholder', t(el.getAttribute('data-i18n-placeholder')));
}

export function locale() {
  return currentLang() === 'vi' ? 'vi-VN' : 'en-GB';
}
