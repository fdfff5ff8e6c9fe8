// A projects screen as a Relay app writes it: a paginated root connection with
// filter and order, each row a fragment of its own (see ProjectCard.ts).
declare const graphql: (strings: TemplateStringsArray) => unknown;

export const projectsPageQuery = graphql`
  query ProjectsPageQuery($first: Int!, $after: String, $filter: ProjectFilter, $orderBy: ProjectOrder) {
    projects(first: $first, after: $after, filter: $filter, orderBy: $orderBy) @connection(key: "ProjectsPage_projects", filters: ["filter", "orderBy"]) {
      totalCount
      edges {
        node {
          id
          ...ProjectCard_project
        }
      }
    }
  }
`;
