// A project with its code generations paged in place: @refetchable needs the
// Node interface and Query.node(id), @connection a Relay connection.
declare const graphql: (strings: TemplateStringsArray) => unknown;

export const projectCardFragment = graphql`
  fragment ProjectCard_project on Project
  @refetchable(queryName: "ProjectCardPaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 10 }, cursor: { type: "String" }, filter: { type: "CodeGenerationFilter" }) {
    id
    name
    latestAnalysis {
      healthScore
    }
    codeGenerations(first: $count, after: $cursor, filter: $filter) @connection(key: "ProjectCard_codeGenerations", filters: ["filter"]) {
      totalCount
      edges {
        node {
          id
          status
          tokensUsed
        }
      }
    }
  }
`;
