/**
 * The sandbox's one person, whom every consent screen signs in (api.md "Sandbox platforms"): two
 * Facebook Pages (one with enough followers to go live, one without), one TikTok creator and one
 * YouTube channel with live enabled. The Page ids are the demo fixture's (test/fixtures/cho-con-2024).
 */
export const SANDBOX_PERSON = {
  facebook: {
    subject: 'facebook-sandbox-person',
    pages: [
      { id: '100000000000001', name: 'Sở Công Thương Đà Nẵng (sandbox)', followers: 12_500 },
      { id: '100000000000002', name: 'Chợ Cồn Đà Nẵng (sandbox)', followers: 42 },
    ],
  },
  tiktok: { openId: 'tt-sandbox-cho-con', username: 'chocon.sandbox', nickname: 'Chợ Cồn (sandbox)' },
  youtube: { subject: 'youtube-sandbox-person', title: 'Sở Công Thương Đà Nẵng (sandbox)' },
} as const;

export type SandboxPage = (typeof SANDBOX_PERSON.facebook.pages)[number];

export function findPersonPage(pageId: string): SandboxPage | undefined {
  return SANDBOX_PERSON.facebook.pages.find((p) => p.id === pageId);
}
