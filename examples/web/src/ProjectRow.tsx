import { type FragmentType, graphql, useFragment } from './gql';

/** The fields a row shows, colocated with the row (fragment masking: the page cannot read them). */
export const ProjectRowFragment = graphql(`
  fragment ProjectRow_project on Project {
    id
    name
    status
    projectType
    updatedAt
    codeGenerations(first: 0) {
      totalCount
    }
  }
`);

export function ProjectRow(props: { project: FragmentType<typeof ProjectRowFragment>; onOpen: (id: string) => void }) {
  const project = useFragment(ProjectRowFragment, props.project);
  return (
    <tr data-testid="project-row">
      <td>
        <button type="button" className="link" data-testid="open-project" onClick={() => props.onOpen(project.id)}>
          {project.name}
        </button>
      </td>
      <td>{project.status}</td>
      <td>{project.projectType}</td>
      <td>{project.codeGenerations.totalCount}</td>
      <td>{new Date(project.updatedAt).toLocaleString()}</td>
    </tr>
  );
}
