import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiContext } from './api/api-context';
import { ApiError } from './api/api-error';
import { createApiClient } from './api/create-api-client';
import { App } from './app';
import { LanguageProvider } from './i18n/language-provider';
import { preloadPage } from './page-loaders';
import './styles.css';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 5_000,
    },
  },
});

const api = createApiClient();
preloadPage(window.location.pathname, api, queries);

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ApiContext.Provider value={api}>
        <QueryClientProvider client={queries}>
          <LanguageProvider>
            <BrowserRouter basename="/console">
              <App />
            </BrowserRouter>
          </LanguageProvider>
        </QueryClientProvider>
      </ApiContext.Provider>
    </StrictMode>,
  );
}
