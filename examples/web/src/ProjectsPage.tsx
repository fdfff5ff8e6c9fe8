import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { CreateProjectForm } from './CreateProjectForm';
import { messageOf } from './errors';
import { graphql } from './gql';
import type { ProjectOrder } from './gql/graphql';
import { ProjectRow } from './ProjectRow';

const PAGE = 5;

export const ProjectsQuery = graphql(`
  query Projects($first: Int!, $after: String, $filter: ProjectFilter, $orderBy: ProjectOrder) {
    projects(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          id
          ...ProjectRow_project
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

const ORDERS: Record<string, ProjectOrder> = {
  'Oldest first': { field: 'CREATED_AT', direction: 'ASC' },
  'Name A–Z': { field: 'NAME', direction: 'ASC' },
  'Name Z–A': { field: 'NAME', direction: 'DESC' },
  'Recently changed': { field: 'UPDATED_AT', direction: 'DESC' },
};

/** Projects, PAGE at a time ("Load more" merges pages by cursor), filtered by name and sorted. */
export function ProjectsPage({ onOpen }: { onOpen: (id: string) => void }) {
  const [search, setSearch] = useState('');
  const [order, setOrder] = useState('Oldest first');
  const variables = { first: PAGE, filter: search ? { name: { contains: search } } : null, orderBy: ORDERS[order] };
  const { data, error, loading, fetchMore } = useQuery(ProjectsQuery, { variables });
  const projects = data?.projects;
  return (
    <section>
      <h1>Projects</h1>
      <div className="toolbar">
        <input data-testid="project-search" placeholder="Filter by name" value={search} onChange={(e) => setSearch(e.target.value)} />
        <select data-testid="project-order" value={order} onChange={(e) => setOrder(e.target.value)}>
          {Object.keys(ORDERS).map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
        <span data-testid="project-count">{projects ? `${projects.edges.length} of ${projects.totalCount}` : ''}</span>
      </div>
      {error && <p className="error">{messageOf(error)}</p>}
      {loading && !projects && <p>Loading…</p>}
      {projects && (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Status</th>
              <th>Kind</th>
              <th>Generations</th>
              <th>Changed</th>
            </tr>
          </thead>
          <tbody>
            {projects.edges.map((edge) => (
              <ProjectRow key={edge.node.id} project={edge.node} onOpen={onOpen} />
            ))}
          </tbody>
        </table>
      )}
      {projects?.pageInfo.hasNextPage && (
        <button type="button" data-testid="load-more" onClick={() => fetchMore({ variables: { after: projects.pageInfo.endCursor } })}>
          Load more
        </button>
      )}
      <CreateProjectForm />
    </section>
  );
}
