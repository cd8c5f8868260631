import type { QueryClient } from '@tanstack/react-query';
import type { ApiClient } from './api/create-api-client';
import { campaignQuery, campaignSessionsQuery } from './api/queries';
import { pageForPath } from './page-paths';
import type { PageName } from './page-paths';

/**
 * The console's pages past sign-in, each its own chunk (React.lazy in app.tsx). The sign-in page
 * needs none of them, so its first load is React, the router, the query cache and the shell
 * (issue #14: first-load JavaScript ≤ 250 KB gzipped).
 */
export const pageLoaders = {
  accounts: () => import('./pages/accounts/accounts-page'),
  audit: () => import('./pages/audit/audit-page'),
  board: () => import('./pages/board/board-page'),
  calendar: () => import('./pages/calendar/calendar-page'),
  catalog: () => import('./pages/catalog/catalog-page'),
  coverage: () => import('./pages/coverage/coverage-page'),
  import: () => import('./pages/import/import-page'),
  people: () => import('./pages/people/people-page'),
  sessionEditor: () => import('./pages/sessions/session-editor-page'),
  sessionList: () => import('./pages/sessions/session-list-page'),
  session: () => import('./pages/sessions/session-page'),
  tokens: () => import('./pages/tokens-page'),
} satisfies Record<PageName, () => Promise<unknown>>;

/**
 * On a page opened directly (a bookmark, a reload): starts its chunk — and for the calendar its
 * campaign and sessions — while `GET /v1/me` is still in flight, instead of one after the other
 * (the Chợ Cồn month: chunk, then data, then render was the larger part of its time). Signed out,
 * the reads answer 401 and the page, once shown after sign-in, reads again.
 */
export function preloadPage(pathname: string, api: ApiClient, queries: QueryClient): void {
  const path = pathname.replace(/^\/console(?=\/|$)/, '') || '/';
  const page = pageForPath(path);
  if (!page) return;
  void pageLoaders[page]().catch(() => undefined);
  const calendar = /^\/campaigns\/([^/]+)\/calendar/.exec(path);
  if (calendar?.[1]) {
    const id = decodeURIComponent(calendar[1]);
    queries.query(campaignQuery(api, id)).catch(() => undefined);
    queries.query(campaignSessionsQuery(api, id)).catch(() => undefined);
  }
}
