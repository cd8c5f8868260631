/**
 * Every Redis key LiveCue's store uses, under one hash-tagged base (`{livecue}`), so that multi-key
 * Lua scripts work on Redis Cluster (all store keys share one slot). BullMQ queues use their own
 * hash-tagged prefixes (one per queue, see src/scheduling/queues.ts) so queues spread over shards.
 */
export interface Keys {
  base: string;
  session(id: string): string;
  sessionsByStart: string;
  sessionsByCampaign(campaignId: string): string;
  stage(stageId: string): string;
  stageEnds(stageId: string): string;
  idempotency(scope: string, key: string): string;
  account(id: string): string;
  accounts: string;
  ledger(effectKey: string): string;
  event(id: string): string;
  campaign(id: string): string;
  campaigns: string;
  /** Import fingerprints of a campaign: `<title>|<startMs>` → session id (a re-import conflicts). */
  campaignImports(campaignId: string): string;
  /** A recurrence series: its rule and member session ids. */
  series(seriesId: string): string;
  /** Sessions whose queue write may not have happened yet: id → mark time (ms), written with the session. */
  toSync: string;
  /** Set while the daily full reconcile sweep is not due again. */
  reconcileSweep: string;
  workers: string;
  lateness: string;
  audit: string;
  /** Prefix of the API's per-token request counters (express-rate-limit's Redis store). */
  rateLimitPrefix: string;
  /** A token bucket of one account and endpoint class (src/store/rate-buckets.ts). */
  rateBucket(name: string): string;
  /** Last throttling usage a platform reported for an account (Facebook usage headers). */
  platformUsage(accountId: string): string;
  /** Units spent of a daily platform quota (YouTube), per scope and quota day. */
  quotaSpent(scope: string, day: string): string;
  /** Units reserved of that quota day for lives that exist (hash: live's operation → units). */
  quotaReserved(scope: string, day: string): string;
  /** A person's record (hash), the email index (lower-cased email → id), every user id, active admins. */
  user(id: string): string;
  userByEmail(emailLower: string): string;
  users: string;
  activeAdmins: string;
  /** An invitation link, by the SHA-256 of its secret → user id. */
  invitation(secretHash: string): string;
  /** A browser session, by the SHA-256 of its cookie value. */
  authSession(secretHash: string): string;
  /** A personal API token (hash), its secret's SHA-256 → id, and a user's token ids. */
  personalToken(id: string): string;
  personalTokenByHash(secretHash: string): string;
  userTokens(userId: string): string;
  /** Sign-in failure counter of one email (its SHA-256) or one client address (a rate-limit key, under `rl:`). */
  signInAttempts(scope: 'email' | 'address', id: string): string;
  /** What an account may post with (TikTok creator_info), cached for a while. */
  postingOptions(accountId: string): string;
  /** A connection (OAuth consent flow) and its candidates. */
  connection(id: string): string;
  /** The single-use `state` of a connection's consent flow. */
  connectionState(state: string): string;
  /** The calls stored plans still make on one account, scored by when, and the accounts that have any (src/store/plan-calls.ts). */
  planCalls(platform: string, accountId: string): string;
  planCallAccounts(platform: string): string;
}

export function createKeys(prefix: string): Keys {
  const base = `{${prefix}}`;
  return {
    base,
    session: (id) => `${base}:s:${id}`,
    sessionsByStart: `${base}:idx:start`,
    sessionsByCampaign: (campaignId) => `${base}:idx:campaign:${campaignId}`,
    stage: (stageId) => `${base}:stage:${stageId}`,
    stageEnds: (stageId) => `${base}:stage-end:${stageId}`,
    idempotency: (scope, key) => `${base}:idem:${scope}:${key}`,
    account: (id) => `${base}:acct:${id}`,
    accounts: `${base}:accts`,
    ledger: (effectKey) => `${base}:ledger:${effectKey}`,
    event: (id) => `${base}:evt:${id}`,
    campaign: (id) => `${base}:camp:${id}`,
    campaigns: `${base}:camps`,
    campaignImports: (campaignId) => `${base}:camp-imports:${campaignId}`,
    planCalls: (platform, accountId) => `${base}:plan-calls:${platform}:${accountId}`,
    planCallAccounts: (platform) => `${base}:plan-call-accounts:${platform}`,
    series: (seriesId) => `${base}:series:${seriesId}`,
    toSync: `${base}:to-sync`,
    reconcileSweep: `${base}:reconcile-sweep`,
    workers: `${base}:workers`,
    lateness: `${base}:lateness`,
    audit: `${base}:audit`,
    rateLimitPrefix: `${base}:rl:`,
    rateBucket: (name) => `${base}:rl:${name}`,
    platformUsage: (accountId) => `${base}:usage:${accountId}`,
    quotaSpent: (scope, day) => `${base}:quota:${scope}:${day}`,
    quotaReserved: (scope, day) => `${base}:quota-reserved:${scope}:${day}`,
    user: (id) => `${base}:user:${id}`,
    userByEmail: (emailLower) => `${base}:user-email:${emailLower}`,
    users: `${base}:users`,
    activeAdmins: `${base}:users-active-admins`,
    invitation: (secretHash) => `${base}:invite:${secretHash}`,
    authSession: (secretHash) => `${base}:auth-session:${secretHash}`,
    personalToken: (id) => `${base}:ptok:${id}`,
    personalTokenByHash: (secretHash) => `${base}:ptok-hash:${secretHash}`,
    userTokens: (userId) => `${base}:user-ptoks:${userId}`,
    signInAttempts: (scope, id) => `${base}:rl:signin:${scope}:${id}`,
    postingOptions: (accountId) => `${base}:popts:${accountId}`,
    connection: (id) => `${base}:conn:${id}`,
    connectionState: (state) => `${base}:conn-state:${state}`,
  };
}
