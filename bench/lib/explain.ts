import type { Pool } from 'pg';
import type { ProductSearchCriteria } from '../../src/modules/catalog/application/catalog.views';
import { runProductSearch, SqlQuery } from '../../src/modules/catalog/infrastructure/product-search.query';

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

/**
 * The plans of a product search: runs it as the app does, recording its statements, then
 * explains each (the vocabulary lookup, which the app runs only for words it has not cached, and
 * the search; the estimate above the exact limit is an EXPLAIN already and is listed without a plan).
 */
export async function explainSearch(db: Pool, label: string, criteria: ProductSearchCriteria): Promise<PlanSummary[]> {
  const statements: SqlQuery[] = [];
  await runProductSearch(async (q) => {
    statements.push(q);
    return (await db.query(q.text, q.values)).rows as unknown[];
  }, criteria);
  const plans: PlanSummary[] = [];
  for (const [i, statement] of statements.entries()) {
    const name = `${label} (statement ${i + 1} of ${statements.length}: ${describe(statement)})`;
    if (statement.text.startsWith('EXPLAIN')) plans.push({ label: name, executionMs: 0, planningMs: 0, nodes: ['(planner estimate only)'], seqScanOnProducts: false, sharedHit: 0, sharedRead: 0 });
    else plans.push(await explain(db, name, statement));
  }
  return plans;
}

function describe(statement: SqlQuery): string {
  const text = statement.text;
  if (text.includes('product_term_counts')) return 'several words: counts per category, postings, page';
  if (text.includes('product_terms')) return text.startsWith('EXPLAIN') ? 'total estimate (postings)' : 'postings: count and page';
  if (text.includes('search_words')) return 'vocabulary, run only for words the process has not cached';
  if (text.startsWith('EXPLAIN')) return 'total estimate';
  if (text.includes('WITH matches')) return 'matches, count and page';
  if (text.includes('product_counts')) return 'kept total';
  if (text.includes('count(*)')) return 'count';
  return 'page';
}
