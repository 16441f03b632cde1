/**
 * What a failed database call means for the caller. TypeORM wraps driver errors (`driverError`);
 * pg-pool and the socket layer throw plain errors with a Node `code` or only a message.
 */

/** Two transactions collided; running the whole transaction again may succeed. */
const RETRYABLE = new Set(['40001', '40P01']);

/**
 * The server cannot serve right now (shutting down, starting, out of connections or resources,
 * connection lost): the request was fine, the answer is 503 and a retry later.
 */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53000', // insufficient_resources
  '53100', // disk_full
  '53200', // out_of_memory
  '53300', // too_many_connections
  '58000', // system_error
  '58030', // io_error
]);
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// node-postgres' own messages for a lost or impossible connection (they carry no code).
const UNAVAILABLE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /is not queryable/i,
  /cannot use a pool after calling end/i,
];

// TypeORM releases a transaction's connection when the server drops it; the next statement of
// that transaction then fails with one of these instead of the socket error.
const UNAVAILABLE_NAMES = new Set(['QueryRunnerProviderAlreadyReleasedError', 'QueryRunnerAlreadyReleasedError']);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  errors?: unknown;
}

function layers(error: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  let current = error as ErrorLike | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 4; depth += 1) {
    found.push(current);
    // An AggregateError (every address of a host refused) carries the socket errors inside.
    if (Array.isArray(current.errors)) found.push(...(current.errors as ErrorLike[]).filter((e) => e && typeof e === 'object'));
    current = current.driverError as ErrorLike | undefined;
  }
  return found;
}

/** The SQLSTATE of a PostgreSQL error, wrapped or not. */
export function sqlState(error: unknown): string | undefined {
  const code = layers(error)
    .map((e) => e.code)
    .find((c) => typeof c === 'string' && /^[0-9A-Z]{5}$/.test(c));
  return code as string | undefined;
}

/** A serialization failure or deadlock: the transaction may be run again from the start. */
export function isRetryableTransactionError(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && RETRYABLE.has(state);
}

/** The database could not be reached or could not serve: not the request's fault. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return layers(error).some((e) => {
    if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_SOCKET_CODES.has(e.code))) return true;
    if (typeof e.name === 'string' && UNAVAILABLE_NAMES.has(e.name)) return true;
    return typeof e.message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(e.message as string));
  });
}

/** Attempts of one transaction when PostgreSQL aborts it as a serialization failure or deadlock. */
export const TRANSACTION_ATTEMPTS = 3;

/**
 * Runs `transaction` (a whole transaction, from BEGIN to COMMIT) again when PostgreSQL aborted
 * it as a serialization failure or deadlock: everything rolled back, so the work starts over and
 * reloads what it reads. After TRANSACTION_ATTEMPTS the last failure propagates (a 503).
 */
export async function withTransactionRetries<T>(transaction: () => Promise<T>, onRetry: (error: unknown, attempt: number) => void = () => undefined): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !isRetryableTransactionError(error)) throw error;
      onRetry(error, attempt + 1);
      // A short random pause lets the colliding transaction finish first.
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 20 * attempt)));
    }
  }
}
