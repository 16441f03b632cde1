import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What must commit in the same transaction as the change a request makes: its stored
 * Idempotency-Key response. The request sets it; the unit of work calls it with the
 * transaction's result just before committing.
 */
export interface RequestAnswer {
  /** Identifies the request across retries with the same key (for resuming work it recorded). */
  readonly ref: string;
  beforeCommit(result: unknown): Promise<void>;
}

const answers = new AsyncLocalStorage<RequestAnswer>();

export const requestAnswer = {
  run: <T>(answer: RequestAnswer, work: () => Promise<T>): Promise<T> => answers.run(answer, work),
  current: (): RequestAnswer | undefined => answers.getStore(),
  /** Runs work that answers no request (effects after commit). */
  exit: <T>(work: () => Promise<T>): Promise<T> => answers.exit(work),
};
