import { isDatabaseUnavailable, isRetryableTransactionError, sqlState, TRANSACTION_ATTEMPTS, withTransactionRetries } from './database-errors';

const wrapped = (driverError: object) => Object.assign(new Error('query failed'), { driverError });
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('database errors', () => {
  it.each([
    ['admin shutdown (57P01), wrapped by TypeORM', wrapped(withCode('terminating connection due to administrator command', '57P01'))],
    ['cannot connect now (57P03)', withCode('the database system is shutting down', '57P03')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['every address refused (AggregateError)', Object.assign(new AggregateError([withCode('refused', 'ECONNREFUSED')], 'connect failed'))],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    ['a pool connect timeout', new Error('timeout exceeded when trying to connect')],
    ['a dead client', wrapped(new Error('Client has encountered a connection error and is not queryable'))],
    ['a transaction whose connection TypeORM released after the server dropped it', Object.assign(new Error('released'), { name: 'QueryRunnerProviderAlreadyReleasedError' })],
  ])('%s means the database is unavailable', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isRetryableTransactionError(error)).toBe(false);
  });

  it.each([
    ['a unique violation', wrapped(withCode('duplicate key', '23505'))],
    ['a check violation', wrapped(withCode('violates check constraint', '23514'))],
    ['a programming error', new TypeError('x is not a function')],
    ['nothing', undefined],
  ])('%s is not an outage', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it('knows serialization failures and deadlocks as retryable, wrapped or not', () => {
    expect(isRetryableTransactionError(wrapped(withCode('could not serialize access', '40001')))).toBe(true);
    expect(isRetryableTransactionError(withCode('deadlock detected', '40P01'))).toBe(true);
    expect(isRetryableTransactionError(wrapped(withCode('duplicate key', '23505')))).toBe(false);
    expect(sqlState(wrapped(withCode('deadlock detected', '40P01')))).toBe('40P01');
  });
});

describe('withTransactionRetries', () => {
  const deadlock = () => Object.assign(new Error('deadlock detected'), { driverError: { code: '40P01' } });
  /** A transaction that fails with the given errors first, then commits; counts its runs. */
  const transaction = (failures: unknown[]) => {
    const state = { runs: 0 };
    const run = async () => {
      state.runs += 1;
      const failure = failures.shift();
      if (failure) throw failure;
      return state.runs;
    };
    return { run, state };
  };

  it('runs the whole transaction again after a deadlock or serialization failure', async () => {
    const { run, state } = transaction([deadlock(), Object.assign(new Error('could not serialize'), { code: '40001' })]);
    const retries: number[] = [];
    await expect(withTransactionRetries(run, (_e, attempt) => retries.push(attempt))).resolves.toBe(3);
    expect(state.runs).toBe(3);
    expect(retries).toEqual([2, 3]);
  });

  it('gives up after a bounded number of attempts and lets the last failure through', async () => {
    const { run, state } = transaction(Array.from({ length: TRANSACTION_ATTEMPTS + 2 }, deadlock));
    await expect(withTransactionRetries(run)).rejects.toThrow('deadlock detected');
    expect(state.runs).toBe(TRANSACTION_ATTEMPTS);
  });

  it('never repeats a transaction that failed for another reason', async () => {
    const { run, state } = transaction([Object.assign(new Error('duplicate key'), { driverError: { code: '23505' } })]);
    await expect(withTransactionRetries(run)).rejects.toThrow('duplicate key');
    expect(state.runs).toBe(1);
  });
});
