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
  workers: string;
  lateness: string;
  audit: string;
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
    workers: `${base}:workers`,
    lateness: `${base}:lateness`,
    audit: `${base}:audit`,
  };
}
