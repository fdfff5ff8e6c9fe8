import { useQuery } from '@apollo/client/react';
import { lazy, Suspense, useState } from 'react';
import { apiKey } from './apollo';
import { graphql } from './gql';
import { ProjectPage } from './ProjectPage';
import { ProjectsPage } from './ProjectsPage';
import { SignIn } from './SignIn';

// The charting library loads with the analytics page only.
const AnalyticsPage = lazy(() => import('./AnalyticsPage'));

const Viewer = graphql(`
  query Viewer {
    me {
      id
      username
    }
  }
`);

type Route = { page: 'projects' } | { page: 'project'; id: string } | { page: 'analytics' };

export function App() {
  const [signedIn, setSignedIn] = useState(() => apiKey.get() !== null);
  if (!signedIn) return <SignIn onSignedIn={() => setSignedIn(true)} />;
  return <Shell onSignOut={() => setSignedIn(false)} />;
}

function Shell({ onSignOut }: { onSignOut: () => void }) {
  const [route, setRoute] = useState<Route>({ page: 'projects' });
  const { data } = useQuery(Viewer);
  const signOut = () => {
    apiKey.clear();
    onSignOut();
  };
  return (
    <>
      <header>
        <strong>codeobit</strong>
        <button type="button" data-testid="nav-projects" onClick={() => setRoute({ page: 'projects' })}>
          Projects
        </button>
        <button type="button" data-testid="nav-analytics" onClick={() => setRoute({ page: 'analytics' })}>
          Analytics
        </button>
        <span className="who" data-testid="viewer">
          {data?.me.username}
        </span>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main>
        {route.page === 'projects' && <ProjectsPage onOpen={(id) => setRoute({ page: 'project', id })} />}
        {route.page === 'project' && <ProjectPage id={route.id} />}
        {route.page === 'analytics' && (
          <Suspense fallback={<p>Loading…</p>}>
            <AnalyticsPage />
          </Suspense>
        )}
      </main>
    </>
  );
}
