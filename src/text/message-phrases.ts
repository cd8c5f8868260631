import type { TextLocale } from './text-input';

/** Words of the messages sent to people (email, Zalo), in one language. */
export interface MessagePhrases {
  reminderSubject: (title: string, offset: string) => string;
  cueSubject: (title: string) => string;
  ingestLabel: string;
  ingestWarning: string;
  confirmSubject: (what: string) => string;
  confirmIntro: (what: string) => string;
  confirmButton: string;
  unsubscribeFooter: string;
  unsubscribeLink: string;
  eventSubject: (title: string, event: string) => string;
  guardSubject: (title: string) => string;
  guardIntro: string;
  guardFinal: string;
  signalWords: Record<'ok' | 'none' | 'bad', string>;
}

const vi: MessagePhrases = {
  reminderSubject: (title, offset) => `Nhắc lịch: ${title} — còn ${offset} nữa`,
  cueSubject: (title) => `Đến giờ lên sóng: ${title}`,
  ingestLabel: 'Địa chỉ phát (RTMP, có khóa luồng)',
  ingestWarning: 'Khóa luồng chỉ dành cho bạn: đừng chia sẻ.',
  confirmSubject: (what) => `Xác nhận nhận nhắc lịch: ${what}`,
  confirmIntro: (what) => `Bạn (hoặc ai đó) đã đăng ký nhận nhắc lịch cho “${what}”. Bấm vào liên kết để xác nhận; nếu không phải bạn, hãy bỏ qua thư này.`,
  confirmButton: 'Xác nhận',
  unsubscribeFooter: 'Bạn nhận tin này vì đã đăng ký nhắc lịch. Hủy đăng ký:',
  unsubscribeLink: 'Hủy đăng ký',
  eventSubject: (title, event) => `${title}: ${event}`,
  guardSubject: (title) => `Chưa nhận được tín hiệu: ${title}`,
  guardIntro: 'Nền tảng chưa nhận được hình từ bộ mã hoá (OBS…) của bạn. Hãy bật phát ngay:',
  guardFinal: 'Sắp đến giờ lên sóng: nếu không có tín hiệu, người xem sẽ thấy màn hình đen.',
  signalWords: { ok: 'đang nhận tín hiệu', none: 'chưa có tín hiệu', bad: 'tín hiệu lỗi' },
};

const en: MessagePhrases = {
  reminderSubject: (title, offset) => `Reminder: ${title} — starts in ${offset}`,
  cueSubject: (title) => `Time to go live: ${title}`,
  ingestLabel: 'Stream address (RTMP, with the stream key)',
  ingestWarning: 'The stream key is for you only: do not share it.',
  confirmSubject: (what) => `Confirm your reminders: ${what}`,
  confirmIntro: (what) => `You (or someone) asked for reminders of “${what}”. Follow the link to confirm; if it was not you, ignore this message.`,
  confirmButton: 'Confirm',
  unsubscribeFooter: 'You get this because you asked for reminders. Unsubscribe:',
  unsubscribeLink: 'Unsubscribe',
  eventSubject: (title, event) => `${title}: ${event}`,
  guardSubject: (title) => `No signal yet: ${title}`,
  guardIntro: 'The platform receives no video from your encoder (OBS…) yet. Start streaming now:',
  guardFinal: 'The start is minutes away: without a signal, viewers will see a black screen.',
  signalWords: { ok: 'receiving', none: 'no signal', bad: 'signal with problems' },
};

export function getMessagePhrases(locale: TextLocale): MessagePhrases {
  return locale === 'en' ? en : vi;
}
