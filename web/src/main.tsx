import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nProvider } from './i18n/i18n-context.js';
import { SessionProvider, useSession } from './auth/session-context.js';
import { LoginPage } from './auth/login-page.js';
import { AppShell } from './app-shell.js';
import { ApiError } from './api/api-client.js';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Retrying a refusal or a missing route only delays the message.
      retry: (count, err) => !(err instanceof ApiError && err.status < 500) && count < 2,
    },
  },
});

function Root() {
  const { session } = useSession();
  return session ? <AppShell /> : <LoginPage />;
}

const el = document.getElementById('root');
if (!el) throw new Error('no #root element');
createRoot(el).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SessionProvider>
          <Root />
        </SessionProvider>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
