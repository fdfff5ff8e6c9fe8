/* eslint-disable */
import * as types from './graphql';
import { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Analytics($from: DateTime!, $to: DateTime!) {\n    analytics(from: $from, to: $to) {\n      generations\n      tokensUsed\n      successRate\n      byStatus {\n        status\n        count\n      }\n      perDay {\n        day\n        generations\n        tokensUsed\n      }\n      healthTrend {\n        day\n        average\n        min\n        max\n      }\n    }\n  }\n": typeof types.AnalyticsDocument,
    "\n  query Viewer {\n    me {\n      id\n      username\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation CreateGeneration($input: CreateCodeGenerationInput!) {\n    createCodeGeneration(input: $input) {\n      id\n      status\n    }\n  }\n": typeof types.CreateGenerationDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      name\n    }\n  }\n": typeof types.CreateProjectDocument,
    "\n  query Project($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      description\n      status\n      owner {\n        username\n      }\n      latestAnalysis {\n        healthScore\n        issuesCount\n        warningsCount\n        createdAt\n      }\n      codeGenerations(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {\n        totalCount\n        edges {\n          node {\n            id\n            language\n            framework\n            status\n            tokensUsed\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProjectDocument,
    "\n  fragment ProjectRow_project on Project {\n    id\n    name\n    status\n    projectType\n    updatedAt\n    codeGenerations(first: 0) {\n      totalCount\n    }\n  }\n": typeof types.ProjectRow_ProjectFragmentDoc,
    "\n  query Projects($first: Int!, $after: String, $filter: ProjectFilter, $orderBy: ProjectOrder) {\n    projects(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...ProjectRow_project\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ProjectsDocument,
    "\n  query CheckKey {\n    me {\n      id\n      username\n    }\n  }\n": typeof types.CheckKeyDocument,
};
const documents: Documents = {
    "\n  query Analytics($from: DateTime!, $to: DateTime!) {\n    analytics(from: $from, to: $to) {\n      generations\n      tokensUsed\n      successRate\n      byStatus {\n        status\n        count\n      }\n      perDay {\n        day\n        generations\n        tokensUsed\n      }\n      healthTrend {\n        day\n        average\n        min\n        max\n      }\n    }\n  }\n": types.AnalyticsDocument,
    "\n  query Viewer {\n    me {\n      id\n      username\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation CreateGeneration($input: CreateCodeGenerationInput!) {\n    createCodeGeneration(input: $input) {\n      id\n      status\n    }\n  }\n": types.CreateGenerationDocument,
    "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      name\n    }\n  }\n": types.CreateProjectDocument,
    "\n  query Project($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      description\n      status\n      owner {\n        username\n      }\n      latestAnalysis {\n        healthScore\n        issuesCount\n        warningsCount\n        createdAt\n      }\n      codeGenerations(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {\n        totalCount\n        edges {\n          node {\n            id\n            language\n            framework\n            status\n            tokensUsed\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": types.ProjectDocument,
    "\n  fragment ProjectRow_project on Project {\n    id\n    name\n    status\n    projectType\n    updatedAt\n    codeGenerations(first: 0) {\n      totalCount\n    }\n  }\n": types.ProjectRow_ProjectFragmentDoc,
    "\n  query Projects($first: Int!, $after: String, $filter: ProjectFilter, $orderBy: ProjectOrder) {\n    projects(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...ProjectRow_project\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ProjectsDocument,
    "\n  query CheckKey {\n    me {\n      id\n      username\n    }\n  }\n": types.CheckKeyDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Analytics($from: DateTime!, $to: DateTime!) {\n    analytics(from: $from, to: $to) {\n      generations\n      tokensUsed\n      successRate\n      byStatus {\n        status\n        count\n      }\n      perDay {\n        day\n        generations\n        tokensUsed\n      }\n      healthTrend {\n        day\n        average\n        min\n        max\n      }\n    }\n  }\n"): (typeof documents)["\n  query Analytics($from: DateTime!, $to: DateTime!) {\n    analytics(from: $from, to: $to) {\n      generations\n      tokensUsed\n      successRate\n      byStatus {\n        status\n        count\n      }\n      perDay {\n        day\n        generations\n        tokensUsed\n      }\n      healthTrend {\n        day\n        average\n        min\n        max\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      id\n      username\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateGeneration($input: CreateCodeGenerationInput!) {\n    createCodeGeneration(input: $input) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation CreateGeneration($input: CreateCodeGenerationInput!) {\n    createCodeGeneration(input: $input) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Project($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      description\n      status\n      owner {\n        username\n      }\n      latestAnalysis {\n        healthScore\n        issuesCount\n        warningsCount\n        createdAt\n      }\n      codeGenerations(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {\n        totalCount\n        edges {\n          node {\n            id\n            language\n            framework\n            status\n            tokensUsed\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Project($id: ID!) {\n    project(id: $id) {\n      id\n      name\n      description\n      status\n      owner {\n        username\n      }\n      latestAnalysis {\n        healthScore\n        issuesCount\n        warningsCount\n        createdAt\n      }\n      codeGenerations(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {\n        totalCount\n        edges {\n          node {\n            id\n            language\n            framework\n            status\n            tokensUsed\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProjectRow_project on Project {\n    id\n    name\n    status\n    projectType\n    updatedAt\n    codeGenerations(first: 0) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  fragment ProjectRow_project on Project {\n    id\n    name\n    status\n    projectType\n    updatedAt\n    codeGenerations(first: 0) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Projects($first: Int!, $after: String, $filter: ProjectFilter, $orderBy: ProjectOrder) {\n    projects(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...ProjectRow_project\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Projects($first: Int!, $after: String, $filter: ProjectFilter, $orderBy: ProjectOrder) {\n    projects(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          ...ProjectRow_project\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CheckKey {\n    me {\n      id\n      username\n    }\n  }\n"): (typeof documents)["\n  query CheckKey {\n    me {\n      id\n      username\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;