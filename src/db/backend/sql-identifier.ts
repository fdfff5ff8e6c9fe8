/** An SQL identifier quoted the standard way (PostgreSQL and SQLite both accept double quotes). */
export const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

/**
 * `?` placeholders as PostgreSQL's numbered `$1, $2, …`, for statements sent on
 * pg's own client (MikroORM replaces `?` itself). The SQL given is ours: `?`
 * appears in it only as a placeholder, never inside a literal or identifier.
 */
export function numbered(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
