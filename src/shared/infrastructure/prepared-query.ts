import type { EntityManager } from 'typeorm';

/**
 * Runs a hot statement as a named prepared statement: each pooled connection parses and plans it
 * once, and PostgreSQL then reuses the plan (after five executions, the generic one when it is no
 * worse). Planning a join of a few tables with many indexes costs more than running it for one
 * cart (docs/PERFORMANCE.md, "Cart add-and-get"). `name` must always stand for the same `text`:
 * node-postgres refuses one name with two texts on a connection.
 */
export function preparedQuery<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T> {
  // TypeORM hands the query to node-postgres untouched; its signature says string, node-postgres
  // also takes a query config, which is what names the statement.
  return manager.query({ name, text } as unknown as string, values) as Promise<T>;
}
