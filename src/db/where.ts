/**
 * AND of filter objects, as flat as possible: empty ones dropped, disjoint plain
 * ones merged into one object, `$and` only when keys collide. Flat filters let
 * FerretDB push conditions down to its storage (it scans everything for `$and`)
 * and give simpler SQL.
 */
export function and(...conditions: (Record<string, unknown> | null | undefined)[]): Record<string, unknown> {
  // Reflect.ownKeys: MikroORM 7 keys raw fragments by symbol.
  const parts = conditions.filter((c): c is Record<string, unknown> => !!c && Reflect.ownKeys(c).length > 0);
  const merged: Record<string, unknown> = {};
  const rest: Record<string, unknown>[] = [];
  for (const part of parts) {
    if (Reflect.ownKeys(part).some((k) => typeof k === 'symbol' || k in merged || k.startsWith('$') || k.startsWith('['))) rest.push(part);
    else Object.assign(merged, part);
  }
  const all = Reflect.ownKeys(merged).length ? [merged, ...rest] : rest;
  return all.length === 0 ? {} : all.length === 1 ? all[0] : { $and: all };
}
