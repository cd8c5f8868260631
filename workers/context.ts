import type { Deps } from '../src/deps';
import type { JobRecord, Session } from '../src/domain/session';
import type { AccountContext } from '../src/platforms/adapter';
import type { RuntimePatch } from '../src/store/session-store';

/** What one action processor receives: the session as it is now and the action to do. */
export interface ActionContext {
  deps: Deps;
  session: Session;
  record: JobRecord;
  /** BullMQ job id, also the ledger's effect key. */
  jobId: string;
  /** Identifies this attempt in the ledger (job id + attempt). */
  owner: string;
}

/** What a processor did: recorded as the job's `result`, with runtime facts for the target. */
export interface ActionOutcome {
  state: 'completed' | 'skipped';
  result: Record<string, unknown>;
  reason?: string;
  runtime?: RuntimePatch;
}

/** The account a platform action acts for, with decrypted credentials. */
export async function loadAccount(deps: Deps, accountId: string): Promise<AccountContext> {
  // One read, one decryption (credentials sealed with an old key are sealed again on the way).
  const found = (await deps.accounts.getMany([accountId])).get(accountId);
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
