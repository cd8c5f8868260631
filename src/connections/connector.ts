import type { CandidateGrant } from '../domain/connection';

/** One platform's side of the authorization code flow. */
export interface Connector {
  /** The consent screen's URL for this flow (`state` and `redirect_uri` included). */
  authorizeUrl(input: { state: string; redirectUri: string }): string;
  /**
   * Exchange the code and read what the person may post to. Throws `ConnectionFailure` (a denied
   * scope, nothing to post to, a refused code, the platform away); never returns an empty list.
   */
  exchange(input: { code: string; redirectUri: string }): Promise<CandidateGrant[]>;
}
