import type { Pool } from 'pg';
import type { ProductSearchSql, SqlQuery } from '../../src/modules/catalog/infrastructure/product-search.query';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Subplan Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

export interface PlanSummary {
  label: string;
  executionMs: number;
  planningMs: number;
  /** Node types in plan order, with the relation or index they read. */
  nodes: string[];
  seqScanOnProducts: boolean;
  sharedHit: number;
  sharedRead: number;
}

function walk(node: PlanNode, depth: number, out: string[]): void {
  const on = node['Index Name'] ?? node['Relation Name'];
  const removed = node['Rows Removed by Filter'] ? `, ${node['Rows Removed by Filter']} filtered out` : '';
  const subplan = node['Subplan Name'] ? `[${node['Subplan Name']}] ` : '';
  out.push(`${'  '.repeat(depth)}${subplan}${node['Node Type']}${on ? ` (${on})` : ''} rows=${node['Actual Rows'] ?? '?'}${removed}`);
  for (const child of node.Plans ?? []) walk(child, depth + 1, out);
}

/** EXPLAIN (ANALYZE, BUFFERS) of a query as the app sends it (same text, same parameters). */
export async function explain(db: Pool, label: string, query: SqlQuery): Promise<PlanSummary> {
  const { rows } = await db.query(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${query.text}`, query.values);
  const [doc] = (rows[0] as { 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number; 'Planning Time': number }[] })['QUERY PLAN'];
  const nodes: string[] = [];
  walk(doc.Plan, 0, nodes);
  return {
    label,
    executionMs: doc['Execution Time'],
    planningMs: doc['Planning Time'],
    nodes,
    seqScanOnProducts: nodes.some((n) => /^\s*(\[[^\]]*\] )?(Parallel )?Seq Scan \(products\)/.test(n)),
    sharedHit: doc.Plan['Shared Hit Blocks'] ?? 0,
    sharedRead: doc.Plan['Shared Read Blocks'] ?? 0,
  };
}

/** The plans of a product search: its one statement, or its page and count statements. */
export async function explainSearch(db: Pool, label: string, sql: ProductSearchSql): Promise<PlanSummary[]> {
  if (sql.kind === 'single') return [await explain(db, label, sql.query)];
  return [await explain(db, `${label} (page)`, sql.page), await explain(db, `${label} (count)`, sql.count)];
}
