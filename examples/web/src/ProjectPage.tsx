import { useQuery } from '@apollo/client/react';
import { CreateGenerationForm } from './CreateGenerationForm';
import { messageOf } from './errors';
import { graphql } from './gql';

export const ProjectQuery = graphql(`
  query Project($id: ID!) {
    project(id: $id) {
      id
      name
      description
      status
      owner {
        username
      }
      latestAnalysis {
        healthScore
        issuesCount
        warningsCount
        createdAt
      }
      codeGenerations(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {
        totalCount
        edges {
          node {
            id
            language
            framework
            status
            tokensUsed
            createdAt
          }
        }
      }
    }
  }
`);

/** One project: its latest analysis, its newest code generations, and a form to ask for another. */
export function ProjectPage({ id }: { id: string }) {
  const { data, error, loading } = useQuery(ProjectQuery, { variables: { id } });
  if (loading && !data) return <p>Loading…</p>;
  if (error) return <p className="error">{messageOf(error)}</p>;
  const project = data?.project;
  if (!project) return <p>This project does not exist (or is not yours).</p>;
  const analysis = project.latestAnalysis;
  return (
    <section>
      <h1 data-testid="project-title">{project.name}</h1>
      <p>
        {project.status} · owned by {project.owner.username}
      </p>
      {project.description && <p>{project.description}</p>}
      <h2>Latest analysis</h2>
      {analysis ? (
        <p data-testid="latest-analysis">
          Health {analysis.healthScore}/100 · {analysis.issuesCount} issues · {analysis.warningsCount} warnings
        </p>
      ) : (
        <p data-testid="latest-analysis">Not analysed yet.</p>
      )}
      <h2>Code generations ({project.codeGenerations.totalCount})</h2>
      <table>
        <thead>
          <tr>
            <th>Language</th>
            <th>Framework</th>
            <th>Status</th>
            <th>Tokens</th>
          </tr>
        </thead>
        <tbody>
          {project.codeGenerations.edges.map(({ node }) => (
            <tr key={node.id} data-testid="generation-row">
              <td>{node.language}</td>
              <td>{node.framework ?? '–'}</td>
              <td>{node.status}</td>
              <td>{node.tokensUsed}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CreateGenerationForm projectId={project.id} />
    </section>
  );
}
