// The signed-in user's own lists, each paged backwards and forwards in place.
declare const graphql: (strings: TemplateStringsArray) => unknown;

export const viewerPageQuery = graphql`
  query ViewerPageQuery {
    me {
      ...ViewerPage_user
    }
  }
`;

export const viewerFragment = graphql`
  fragment ViewerPage_user on User
  @refetchable(queryName: "ViewerPagePaginationQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 20 }, cursor: { type: "String" }) {
    id
    username
    autoSaves(first: $count, after: $cursor) @connection(key: "ViewerPage_autoSaves") {
      edges {
        node {
          id
          filePath
        }
      }
    }
  }
`;

export const analysesFragment = graphql`
  fragment ViewerPage_project on Project
  @refetchable(queryName: "ViewerPageAnalysesQuery")
  @argumentDefinitions(count: { type: "Int", defaultValue: 5 }, cursor: { type: "String" }) {
    analyses(last: $count, before: $cursor) @connection(key: "ViewerPage_analyses") {
      edges {
        node {
          healthScore
        }
      }
    }
  }
`;
