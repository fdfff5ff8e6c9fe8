/**
 * Distinct, valid operations close to the default limits (2,000 tokens, cost
 * 100,000, depth 12, 30 aliases), for the memory-bound test: each is new to
 * every cache on its way (parse, validation, compiled execution).
 */
export function nearLimitQuery(i: number): string {
  const leaf = (n: number) => ['id', 'name', 'description', 'status', 'projectType', 'config', 'createdAt', 'updatedAt'].slice(0, 3 + (n % 6)).join(' ');
  const gen = 'id language framework status tokensUsed specification createdAt updatedAt';
  const parts: string[] = [];
  // 28 aliased root-ish subtrees under `me`, each a little different per i.
  for (let k = 0; k < 28; k++) {
    const first = 1 + ((i * 7 + k) % 9);
    parts.push(
      `a${i}_${k}: projects(first: ${first}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${leaf(i + k)} owner { id username email } ` +
        `codeGenerations(first: 2) { edges { node { ${gen} project { id name } } } } latestAnalysis { id healthScore issuesCount } } } }`,
    );
  }
  return `query Q${i} { me { id username ${parts.join(' ')} } }`;
}
