/** What a person agrees to, stored with the time (api.md: consent with its wording). */
export const CONSENT_WORDING = {
  vi: 'Tôi đồng ý nhận tin nhắc lịch livestream này qua email hoặc Zalo và có thể hủy bất cứ lúc nào.',
  en: 'I agree to get reminders of this livestream by email or Zalo and can unsubscribe at any time.',
} as const;
