/**
 * TypeORM's `query()` answers UPDATE/DELETE with `[rows, rowCount]` and everything else
 * with `rows`; these give the rows, or the count, either way. Every repository reads a
 * query's result through them rather than casting or unpacking it.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (isRowsAndCount(result)) return result[0] as T[];
  return result as T[];
}

/** How many rows an UPDATE or DELETE touched (a SELECT or INSERT: how many it returned). */
export function rowCountOf(result: unknown): number {
  if (isRowsAndCount(result)) return result[1];
  return (result as unknown[]).length;
}

function isRowsAndCount(result: unknown): result is [unknown[], number] {
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number';
}
