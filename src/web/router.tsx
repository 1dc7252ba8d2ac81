// The route tree (code-based): /login outside the shell; every other page inside it, behind GET /api/me.
// Each page is its own chunk (lazyRouteComponent), loaded when its route matches: a member's phone downloads the
// shell and the page it opens, never the committees' pages or the charts. What a route needs to match (path,
// search validation, the sign-in check) stays here, in the entry.
import { Box } from '@mantine/core';
import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { taskFilters } from '../contracts/values.ts';
import { isUnauthenticated } from './api/client.ts';
import { meQuery } from './api/queries.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { NotFoundView } from './components/NotFound.tsx';
import { ErrorNotice, Loading } from './components/QueryState.tsx';
import { meetingTabs } from './features/meetings/tabs.ts';
import { isoDay, lenient, membersSearch, numberIn, oneOf, text, uuid } from './search-params.ts';

/** A committee's or officer's page: its chunk loads with the texts of those pages (i18n/officer.ts). */
function officerPage<T extends Record<string, unknown>>(load: () => Promise<T>, name: keyof T & string) {
  return lazyRouteComponent(
    () => Promise.all([load(), import('./i18n/officer.ts')]).then(([page]) => page),
    name,
  );
}

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: () => (
    <Box p="md">
      <NotFoundView />
    </Box>
  ),
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: lenient({ redirect: text(2000) }),
  component: lazyRouteComponent(() => import('./features/auth/LoginPage.tsx'), 'LoginPage'),
});

const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(meQuery);
    } catch (e) {
      if (isUnauthenticated(e)) {
        throw redirect({ to: '/login', search: { redirect: location.href } });
      }
      throw e;
    }
  },
  component: AppLayout,
  notFoundComponent: NotFoundView,
});

const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./features/home/HomePage.tsx'), 'HomePage'),
});

const treeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tree',
  validateSearch: lenient({ asOf: isoDay }),
  component: officerPage(() => import('./features/organizations/TreePage.tsx'), 'TreePage'),
});

const organizationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organizations/$id',
  validateSearch: lenient({ asOf: isoDay }),
  component: officerPage(() => import('./features/organizations/OrganizationPage.tsx'), 'OrganizationPage'),
});

// The year's meeting plan of an organisation.
const planRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organizations/$id/meetings',
  validateSearch: lenient({ year: numberIn(2015, 2100) }),
  component: officerPage(() => import('./features/plan/PlanPage.tsx'), 'PlanPage'),
});

// The annual evaluation of an organisation (kiểm điểm, đánh giá, xếp loại) and the "bốn tốt" of its subtree.
const evaluationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organizations/$id/evaluation',
  validateSearch: lenient({ year: numberIn(2018, 2100) }),
  component: officerPage(() => import('./features/evaluation/EvaluationPage.tsx'), 'EvaluationPage'),
});

// Meeting quality of an organisation's cells: ratings by month, quarter and year, charts, the scoring framework.
const ratingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/organizations/$id/ratings',
  validateSearch: lenient({
    year: numberIn(2015, 2100),
    margin: numberIn(1, 50, false),
  }),
  component: officerPage(() => import('./features/scoring/RatingsPage.tsx'), 'RatingsPage'),
});

const tasksRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tasks',
  validateSearch: lenient({ filter: oneOf(taskFilters) }),
  component: lazyRouteComponent(() => import('./features/tasks/TasksPage.tsx'), 'TasksPage'),
});

// One meeting: preparation, live room, minutes, documents (tab); `code` prefills the check-in from the room's QR.
const meetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$id',
  // The room code is digits: the URL gives it back as a number, `text` keeps it text.
  validateSearch: lenient({ tab: oneOf(meetingTabs), code: text() }),
  component: lazyRouteComponent(() => import('./features/meetings/MeetingPage.tsx'), 'MeetingPage'),
});

const membersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/members',
  validateSearch: membersSearch,
  component: officerPage(() => import('./features/members/MembersPage.tsx'), 'MembersPage'),
});

const memberRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/members/$id',
  component: officerPage(() => import('./features/members/MemberProfilePage.tsx'), 'MemberProfilePage'),
});

const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/import',
  validateSearch: lenient({ organizationId: uuid, importId: uuid }),
  component: officerPage(() => import('./features/roster-import/RosterImportPage.tsx'), 'RosterImportPage'),
});

const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/account',
  component: lazyRouteComponent(() => import('./features/auth/AccountPage.tsx'), 'AccountPage'),
});

// Any other address: "not found" inside the shell (after the sign-in check), like a 404 from the API.
const unknownRoute = createRoute({ getParentRoute: () => appRoute, path: '$', component: NotFoundView });

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    homeRoute,
    treeRoute,
    organizationRoute,
    planRoute,
    evaluationRoute,
    ratingsRoute,
    tasksRoute,
    meetingRoute,
    membersRoute,
    memberRoute,
    importRoute,
    accountRoute,
    unknownRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: false,
    defaultPendingComponent: () => <Loading />,
    defaultErrorComponent: ({ error, reset }) => <ErrorNotice error={error} onRetry={reset} />,
    defaultNotFoundComponent: NotFoundView,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
