/** Per-operation limits (OWASP GraphQL cheat sheet); every one is checked before any resolver runs. */
export interface OperationLimits {
  /** MAX_QUERY_DEPTH: deepest field nesting (default 12). */
  maxDepth: number;
  /** MAX_QUERY_COST: estimated cost, where a list multiplies its subtree by its page size (default 100000). */
  maxCost: number;
  /** MAX_ALIASES: aliased fields in one operation (default 30). */
  maxAliases: number;
  /** MAX_ROOT_FIELDS: top-level fields in one operation (default 20). */
  maxRootFields: number;
}

export const DEFAULT_LIMITS: OperationLimits = { maxDepth: 12, maxCost: 100_000, maxAliases: 30, maxRootFields: 20 };
