/** The sandbox's own Zalo app, OA and templates: what LiveCue uses in sandbox mode unless configured. */
export const SANDBOX_ZALO = {
  appId: 'sandbox-zalo-app',
  appSecret: 'sandbox-zalo-secret',
  refreshToken: 'sandbox-oa-refresh-0',
  templates: { reminder: '100001', cue: '100002', confirm: '100003' },
} as const;

/** Numbers the sandbox treats as having no Zalo account (ZNS -118), besides faults: `84…000`. */
export function isOffZalo(phone: string): boolean {
  return phone.endsWith('000');
}
