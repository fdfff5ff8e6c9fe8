import { CombinedGraphQLErrors } from '@apollo/client';

/**
 * Per-field messages from a BAD_USER_INPUT answer: the gateway lists them in
 * `extensions.fields` as { field: "name", messages: [...] } (nested fields as
 * "outputs.1.tokensUsed"), keyed here by the last part of the path.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!CombinedGraphQLErrors.is(error)) return {};
  const out: Record<string, string> = {};
  for (const e of error.errors) {
    const fields = (e.extensions?.fields ?? []) as { field: string; messages: string[] }[];
    for (const f of fields) out[f.field.split('.').pop()!] = f.messages.join('; ');
  }
  return out;
}

/** What to show for an error that is not about one field. */
export function messageOf(error: unknown): string | null {
  if (!error) return null;
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join('; ');
  return error instanceof Error ? error.message : String(error);
}
