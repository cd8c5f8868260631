import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { useApi } from './api/api-context';
import { ApiError } from './api/api-error';
import { keys } from './api/queries';
import type { Me } from './api/types';
import { useText } from './i18n/use-text';
import { PageErrorBoundary } from './layout/page-error-boundary';
import { Shell } from './layout/shell';
import { MeContext } from './lib/me-context';
import { CampaignHome } from './pages/campaign-home';
import { InvitePage } from './pages/invite-page';
import { SignInPage } from './pages/sign-in-page';
import { pageLoaders } from './page-loaders';

// Pages past sign-in: one chunk each, fetched when first opened (page-loaders.ts).
const AccountsPage = lazy(() => pageLoaders.accounts().then((m) => ({ default: m.AccountsPage })));
const AuditPage = lazy(() => pageLoaders.audit().then((m) => ({ default: m.AuditPage })));
const BoardPage = lazy(() => pageLoaders.board().then((m) => ({ default: m.BoardPage })));
const CalendarPage = lazy(() => pageLoaders.calendar().then((m) => ({ default: m.CalendarPage })));
const CatalogPage = lazy(() => pageLoaders.catalog().then((m) => ({ default: m.CatalogPage })));
const CoveragePage = lazy(() => pageLoaders.coverage().then((m) => ({ default: m.CoveragePage })));
const ImportPage = lazy(() => pageLoaders.import().then((m) => ({ default: m.ImportPage })));
const PeoplePage = lazy(() => pageLoaders.people().then((m) => ({ default: m.PeoplePage })));
const SessionEditorPage = lazy(() => pageLoaders.sessionEditor().then((m) => ({ default: m.SessionEditorPage })));
const SessionListPage = lazy(() => pageLoaders.sessionList().then((m) => ({ default: m.SessionListPage })));
const SessionPage = lazy(() => pageLoaders.session().then((m) => ({ default: m.SessionPage })));
const TokensPage = lazy(() => pageLoaders.tokens().then((m) => ({ default: m.TokensPage })));

/** The console's routes: the invitation page is open, every other page wants a signed-in person. */
export function App() {
  const api = useApi();
  const { t } = useText();
  const location = useLocation();
  const me = useQuery({ queryKey: keys.me, queryFn: () => api.get<Me>('/v1/me'), retry: false, staleTime: 60_000 });
  useEffect(() => {
    api.setCsrfToken(me.data?.csrfToken ?? null);
  }, [api, me.data]);

  if (window.location.pathname.startsWith('/console/invite')) {
    return (
      <Routes>
        <Route path="/invite" element={<InvitePage />} />
      </Routes>
    );
  }
  if (me.isPending) return <p role="status">{t('loading')}</p>;
  if (me.error) {
    if (me.error instanceof ApiError && me.error.status === 401) return <SignInPage />;
    return <p role="alert">{t('failed', { message: me.error.message })}</p>;
  }
  return (
    <MeContext.Provider value={me.data}>
      <Shell>
        <PageErrorBoundary t={t} resetKey={location.pathname}>
          <Suspense fallback={<p role="status">{t('loading')}</p>}>
            <Routes>
              <Route path="/" element={<CampaignHome page="calendar" />} />
              <Route path="/calendar" element={<CampaignHome page="calendar" />} />
              <Route path="/campaigns/:id/calendar" element={<CalendarPage />} />
              <Route path="/campaigns/:id/sessions" element={<SessionListPage />} />
              <Route path="/campaigns/:id/import" element={<ImportPage />} />
              <Route path="/campaigns/:id/catalog" element={<CatalogPage />} />
              <Route path="/campaigns/:id/coverage" element={<CoveragePage />} />
              <Route path="/sessions/new" element={<SessionEditorPage />} />
              <Route path="/sessions/:id" element={<SessionPage />} />
              <Route path="/sessions/:id/edit" element={<SessionEditorPage />} />
              <Route path="/accounts" element={<AccountsPage />} />
              <Route path="/people" element={<PeoplePage />} />
              <Route path="/board" element={<BoardPage />} />
              <Route path="/audit" element={<AuditPage />} />
              <Route path="/tokens" element={<TokensPage />} />
              <Route path="*" element={<Navigate to="/" replace />} />
            </Routes>
          </Suspense>
        </PageErrorBoundary>
      </Shell>
    </MeContext.Provider>
  );
}
