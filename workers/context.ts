import type { Deps } from '../src/deps';
import type { JobRecord, Session } from '../src/domain/session';
import type { AccountContext } from '../src/platforms/adapter';
import type { AccountWithCredentials } from '../src/store/account-store';
import type { ClaimResult } from '../src/store/ledger';
import type { UsageReading } from '../src/store/rate-buckets';
import type { RuntimePatch, SignalPatch } from '../src/store/session-store';

/** What one action processor receives: the session as it is now and the action to do. */
export interface ActionContext {
  deps: Deps;
  session: Session;
  record: JobRecord;
  /** BullMQ job id, also the ledger's effect key. */
  jobId: string;
  /** Identifies this attempt in the ledger (job id + attempt). */
  owner: string;
  /** What the begin step read with the start (src/store/job-steps.ts); absent: read it when needed. */
  prefetched?: Prefetched;
  /** Past the record's staleAt: started only to record an effect the platform may already have (once() never calls). */
  pastStale?: boolean;
  /** Writes the finish step makes together with the outcome; absent: written at once. */
  deferred?: DeferredWrites;
}

/** Reads that rode along with the job's start. */
export interface Prefetched {
  /** The target's account as read (found: null when it does not exist). */
  account: { id: string; found: AccountWithCredentials | null } | null;
  /** The platform's last usage reading of an account (reading: null when there is none). */
  usage: { accountId: string; reading: UsageReading | null } | null;
  /** The job's ledger entry: null when none; when `claimedFor` is set, begin claimed it for that owner if free. */
  ledger: ClaimResult | null;
  claimedFor: string | null;
  /** Set by once() when it takes `ledger` as its claim (so a later once() claims for itself). */
  claimTaken: boolean;
}

/** What the finish step records with the outcome (effect first, so neither is lost alone). */
export interface DeferredWrites {
  effect?: Record<string, unknown>;
  usage?: { accountId: string; reading: UsageReading };
}

/** What a processor did: recorded as the job's `result`, with runtime facts for the target. */
export interface ActionOutcome {
  state: 'completed' | 'skipped';
  result: Record<string, unknown>;
  reason?: string;
  runtime?: RuntimePatch;
  /** On-air guard readings, written with the outcome. */
  signals?: SignalPatch[];
  /** Work that needs the outcome written first (messages rendered from it); a failure is logged only. */
  afterFinish?: () => Promise<void>;
}

/** The account a platform action acts for, with decrypted credentials (as prefetched, when it was). */
export async function loadAccount(deps: Deps, accountId: string, prefetched?: Prefetched): Promise<AccountContext> {
  // One read, one decryption (credentials sealed with an old key are sealed again on the way).
  const found = prefetched?.account?.id === accountId ? prefetched.account.found : (await deps.accounts.getMany([accountId])).get(accountId);
  if (!found) throw new AccountMissingError(accountId);
  const { account, credentials } = found;
  // Saves are based on the version read here (then on our own last save): a save from credentials
  // another process has rotated since never replaces the newer refresh token.
  let basedOn = found.credentialsVersion;
  return {
    accountId,
    externalId: account.externalId,
    name: account.name,
    credentials,
    saveCredentials: async (next) => {
      basedOn = await deps.accounts.saveCredentials(accountId, next, basedOn);
    },
  };
}

export class AccountMissingError extends Error {
  constructor(readonly accountId: string) {
    super(`platform account '${accountId}' no longer exists: register it again or remove it from the session`);
    this.name = 'AccountMissingError';
  }
}
