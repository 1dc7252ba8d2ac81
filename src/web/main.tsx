// Entry of the web app: theme, translations, data cache and router; a session that ends sends the user to sign in.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, isUnauthenticated } from './api/client.ts';
import { i18nReady } from './i18n/index.ts';
import { createAppRouter } from './router.tsx';
import { useLocalizedTheme } from './theme.ts';

function onSessionEnded(error: unknown) {
  if (!isUnauthenticated(error)) return;
  const { pathname, href } = router.state.location;
  if (pathname === '/login') return;
  queryClient.clear();
  void router.navigate({ to: '/login', search: { redirect: href } });
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onSessionEnded }),
  mutationCache: new MutationCache({ onError: onSessionEnded }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // A 4xx will not change on retry (and a 404 must show "not found" at once).
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

const router = createAppRouter(queryClient);

function Themed({ children }: { children: ReactNode }) {
  return (
    <MantineProvider theme={useLocalizedTheme()} defaultColorScheme="light">
      {children}
    </MantineProvider>
  );
}

// The chunks of the page being opened start loading now, beside the sign-in check (GET /api/me) that the router
// runs first, instead of after it: one round trip less on a slow network. A failure here is left to the router.
const [openingRoutes] = router.getMatchedRoutes(window.location.pathname);
for (const route of openingRoutes) {
  router.loadRouteChunk(route)?.catch(() => undefined);
}

// The first render waits for the texts of the stored language (English is loaded on demand).
void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Themed>
        <Notifications position="top-center" autoClose={5000} />
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </Themed>
    </StrictMode>,
  ),
);
