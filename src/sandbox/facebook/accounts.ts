import type { SandboxContext } from '../context';
import type { TokenRecord } from '../tokens';
import { invalidParameter } from './graph-failure';
import type { GraphParams } from './graph-params';
import { readString } from './graph-params';
import { tokenFailure } from './auth';
import { findPersonPage, SANDBOX_PERSON } from '../consent/person';

const grantedScopes = ['pages_show_list', 'pages_read_engagement', 'pages_manage_posts', 'pages_manage_metadata', 'publish_video'];
const pageTasks = ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MESSAGING', 'MODERATE', 'MANAGE'];
const appId = 'sandbox-app';

/**
 * Which page each token has acted for (a token used on `/{page}/…` is that page's token), and the
 * page tokens handed out by `/me/accounts` (they never expire: `expires_at` 0).
 */
export interface PageDirectory {
  notePageToken(token: TokenRecord, pageId: string): void;
  pageOf(token: TokenRecord): string | undefined;
  pagesOfUser(user: TokenRecord): string[];
  pageToken(pageId: string): TokenRecord;
}

export function createPageDirectory(ctx: SandboxContext): PageDirectory {
  const pageByToken = new Map<string, string>();
  const tokenByPage = new Map<string, TokenRecord>();
  const pagesByUser = new Map<string, string[]>();
  return {
    notePageToken(token, pageId) {
      if (!pageByToken.has(token.token)) pageByToken.set(token.token, pageId);
    },
    pageOf: (token) => pageByToken.get(token.token),
    pagesOfUser(user) {
      const known = pagesByUser.get(user.subject);
      if (known) return known;
      if (user.subject === SANDBOX_PERSON.facebook.subject) return SANDBOX_PERSON.facebook.pages.map((p) => p.id);
      // A new user manages one page of their own, with a stable numeric id.
      const pages = [ctx.nextNumericId()];
      pagesByUser.set(user.subject, pages);
      return pages;
    },
    pageToken(pageId) {
      const existing = tokenByPage.get(pageId);
      if (existing && existing.state === 'active') return existing;
      const record = ctx.tokens.issue('facebook', 'access', pageId, null);
      tokenByPage.set(pageId, record);
      pageByToken.set(record.token, pageId);
      return record;
    },
  };
}

/** `GET /debug_token?input_token=…`: validity, expiry (0 = never) and scopes of a token. */
export function debugToken(ctx: SandboxContext, pages: PageDirectory, params: GraphParams): Record<string, unknown> {
  const input = readString(params, 'input_token');
  if (!input) throw invalidParameter('The parameter input_token is required');
  const check = ctx.tokens.check('facebook', input);
  const record = check.record;
  const pageId = pages.pageOf(record);
  const data: Record<string, unknown> = {
    app_id: appId,
    type: pageId ? 'PAGE' : 'USER',
    application: 'LiveCue Sandbox',
    data_access_expires_at: Math.floor(record.issuedAt / 1000) + 90 * 86_400,
    expires_at: record.expiresAt === null ? 0 : Math.floor(record.expiresAt / 1000),
    is_valid: check.ok,
    issued_at: Math.floor(record.issuedAt / 1000),
    scopes: grantedScopes,
    granular_scopes: grantedScopes.map((scope) => ({ scope })),
    user_id: record.subject,
    ...(pageId ? { profile_id: pageId } : {}),
  };
  if (!check.ok) {
    const failure = tokenFailure(ctx, check);
    data.error = { code: failure.code, message: failure.message, subcode: failure.subcode };
  }
  return { data };
}

/**
 * `GET /me/accounts`: the pages the user manages, each with a page token, its follower count and
 * picture (the sandbox person's pages have their own names and followers; others have 250).
 */
export function listAccounts(ctx: SandboxContext, pages: PageDirectory, user: TokenRecord): Record<string, unknown> {
  const data = pages.pagesOfUser(user).map((id) => {
    const known = findPersonPage(id);
    return {
      id,
      name: known?.name ?? `Sandbox Page ${id}`,
      category: 'Community',
      access_token: pages.pageToken(id).token,
      tasks: pageTasks,
      followers_count: known?.followers ?? 250,
      picture: { data: { url: `${ctx.baseUrl()}/__sandbox/pictures/${id}.png`, is_silhouette: false } },
    };
  });
  return { data, paging: { cursors: { before: 'QVFIUmRZA', after: 'QVFIUmRZA' } } };
}

/**
 * `GET /me/permissions`: what the token's consent granted (a token from a Login dialog: its scopes;
 * any other token: every scope LiveCue needs).
 */
export function listPermissions(user: TokenRecord): Record<string, unknown> {
  const granted = user.scopes ?? grantedScopes;
  return { data: granted.map((permission) => ({ permission, status: 'granted' })) };
}

/** `GET /me`: who the token speaks for (a page token answers as the page). */
export function describeMe(pages: PageDirectory, token: TokenRecord): Record<string, unknown> {
  const pageId = pages.pageOf(token);
  return pageId ? { id: pageId, name: `Sandbox Page ${pageId}` } : { id: token.subject, name: `Sandbox User ${token.subject}` };
}
