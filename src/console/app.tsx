import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { useApi } from './api/api-context';
import { ApiError } from './api/api-error';
import { keys } from './api/queries';
import type { Me } from './api/types';
import { useText } from './i18n/use-text';
import { Shell } from './layout/shell';
import { MeContext } from './lib/me-context';
import { AccountsPage } from './pages/accounts/accounts-page';
import { AuditPage } from './pages/audit/audit-page';
import { BoardPage } from './pages/board/board-page';
import { CalendarPage } from './pages/calendar/calendar-page';
import { CampaignHome } from './pages/campaign-home';
import { CatalogPage } from './pages/catalog/catalog-page';
import { CoveragePage } from './pages/coverage/coverage-page';
import { ImportPage } from './pages/import/import-page';
import { InvitePage } from './pages/invite-page';
import { PeoplePage } from './pages/people/people-page';
import { SessionEditorPage } from './pages/sessions/session-editor-page';
import { SessionListPage } from './pages/sessions/session-list-page';
import { SessionPage } from './pages/sessions/session-page';
import { SignInPage } from './pages/sign-in-page';
import { TokensPage } from './pages/tokens-page';

/** The console's routes: the invitation page is open, every other page wants a signed-in person. */
export function App() {
  const api = useApi();
  const { t } = useText();
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
      </Shell>
    </MeContext.Provider>
  );
}
