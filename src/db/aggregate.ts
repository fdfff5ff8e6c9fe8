/** Grouped counts and sums (Backend.groupBy computes them in the database). */
export type EntityClass = new (...args: never[]) => object;
export type Key = string | number | null;

export interface Group {
  /** Values of the grouped properties, in the order asked for. */
  keys: Key[];
  count: number;
  sum: number;
}

export interface GroupOptions {
  /** Property summed per group (0 when omitted). */
  sum?: string;
  /** Property summed as the group's count (rows that are counts themselves, e.g. rollups); COUNT(*) when omitted. */
  count?: string;
  /** Largest groups first, then at most this many. */
  top?: number;
}

/** Largest groups first; ties by the grouped values, so the order is the same on every run and backend. */
export const byCount = (a: Group, b: Group) => b.count - a.count || JSON.stringify(a.keys).localeCompare(JSON.stringify(b.keys));
