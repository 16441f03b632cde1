import type { Pool } from 'pg';
import type { Random } from '../src/modules/catalog/infrastructure/catalog.generator';

/**
 * What a benchmark scenario is. Each file in bench/scenarios/ exports a list of these and
 * bench/scenarios/index.ts collects them; later contexts (cart, checkout, booking) add theirs
 * the same way.
 */
export interface HttpRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Returns the next request to send; called once per request, so ids and queries can vary. */
export type RequestSource = () => HttpRequest;

export interface Dataset {
  /** Short label used in the tables ("1k", "100k"). */
  label: string;
  /** Active products in the database when the scenarios ran. */
  products: number;
}

export interface BenchContext {
  /** The app, e.g. http://127.0.0.1:41234 (the API is under /api/v1). */
  appUrl: string;
  /** The bare Fastify + pg server of bench/baseline-server.ts. */
  baselineUrl: string;
  dataset: Dataset;
  /** A pool on the benchmark database, for setup queries (not for the measured requests). */
  db: Pool;
  /** Access tokens of the demo accounts. */
  tokens: { admin: string; customer: string };
  /** Active product ids, sampled at random from the whole table. */
  productIds: readonly string[];
  /** Seeded random numbers, so that two runs send the same request mix. */
  rand: Random;
  /** Starts a second app on the same database that records the SQL it sends (bench/lib/sql-trace.ts). */
  startTracedApp(): Promise<TracedApp>;
}

export interface TracedApp {
  url: string;
  /** The statements sent since `since` (Date.now() milliseconds). */
  statementsSince(since: number): string[];
  stop(): Promise<void>;
}

export interface Check {
  name: string;
  target: string;
  measured: string;
  pass: boolean;
}

export interface LoadResult {
  scenario: string;
  dataset: string;
  server: 'app' | 'baseline';
  connections: number;
  /** Of each round. */
  durationSeconds: number;
  /** In all rounds. */
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** Each round's figures, when the result is the median of rounds (bench/run.ts). */
  rounds?: { reqPerSec: number; p50: number; p99: number }[];
}

interface ScenarioBase {
  /** Stable id, e.g. "catalog.search". */
  name: string;
  description: string;
  /** Run at every catalog size (true) or once, at the first (false). */
  perDataset: boolean;
  /** Optional preparation through the API or the database before the measured run. */
  setup?(ctx: BenchContext): Promise<void>;
  /** The targets this scenario is judged by, given every result of the run. */
  checks?(results: readonly LoadResult[]): Check[];
}

/** An autocannon loop for a duration, against the app (and optionally the baseline). */
export interface LoadScenario extends ScenarioBase {
  kind?: 'load';
  connections?: number;
  durationSeconds?: number;
  app(ctx: BenchContext): RequestSource;
  /** The same work without the framework, on the baseline server; gives the ratio column. */
  baseline?(ctx: BenchContext): RequestSource;
}

/** One burst of concurrent requests, run once: figures plus invariants checked in the database. */
export interface RaceResult {
  scenario: string;
  dataset: string;
  /** Requests fired at once. */
  requests: number;
  /** From the first request sent to the last answer. */
  wallMs: number;
  /** Successful requests (201) per second of wall time, and what they are ("orders/s"). */
  successPerSec: number;
  unit: string;
  p50: number;
  p99: number;
  /** Answers by class: "201", "409", "5xx", "other" (and "error" for network failures). */
  statuses: Record<string, number>;
  invariants: Check[];
  /** The SQL statements of one such request, when the scenario traced one. */
  statements?: string[];
}

export interface RaceScenario extends ScenarioBase {
  kind: 'race';
  run(ctx: BenchContext): Promise<RaceResult>;
}

export type Scenario = LoadScenario | RaceScenario;
