import type { GraphQLResolveInfo } from 'graphql';

/**
 * On a row read by a compiled tree (see tree-result.ts): the values of its
 * relation and list fields, by response key, already read in the same
 * statement. Field resolvers hand them through instead of reading again.
 */
export const HANDED = Symbol('handed values');

export type Handed = { [HANDED]?: Map<string, unknown> };

/** The value the tree read for this field of `row`, or `undefined` when it did not (the resolver reads it then). */
export function handed(row: object, info: GraphQLResolveInfo): { value: unknown } | undefined {
  const values = (row as Handed)[HANDED];
  if (!values) return undefined;
  const node = info.fieldNodes[0];
  const key = node.alias?.value ?? node.name.value;
  return values.has(key) ? { value: values.get(key) } : undefined;
}

/** The handed value of this field, else what `read` reads (the batched path). */
export function handedOr<T>(row: object, info: GraphQLResolveInfo, read: () => T): T {
  const h = handed(row, info);
  return h ? (h.value as T) : read();
}
