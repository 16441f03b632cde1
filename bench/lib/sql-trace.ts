import { appendFileSync } from 'node:fs';
import { Client } from 'pg';

/**
 * Preloaded into an app process by the benchmark (NODE_OPTIONS=--require) to record every SQL
 * statement it sends, one line each with a millisecond timestamp, to SQL_TRACE_FILE. Used only
 * to list the statements of one request (checkout.throughput); never loaded by the app itself.
 */
const file = process.env.SQL_TRACE_FILE;
if (file) {
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  (Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: Client, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : first?.text;
    if (text) appendFileSync(file, `${Date.now()}\t${text.replace(/\s+/g, ' ').trim()}\n`);
    return original.apply(this, args);
  };
}
