export interface UnitOfWorkOptions {
  /**
   * False for a step of a longer process whose result is not the request's answer (recording a
   * payment attempt before calling the provider): its commit does not store the Idempotency-Key
   * response. By default the outermost transaction's result is the answer.
   */
  answersRequest?: boolean;
}

/**
 * Declares a transaction at a use case's boundary. Everything the work does (repository saves,
 * event handlers of other contexts, outbox rows, the stored Idempotency-Key response) commits or
 * rolls back together. Nested calls join the surrounding transaction.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: () => Promise<T>, options?: UnitOfWorkOptions): Promise<T>;
  /**
   * Runs `effect` once the surrounding transaction has committed (never if it rolls back), outside
   * it, before `run` returns; a failing effect is logged, not thrown (it must be retried by its
   * own job). Outside a transaction it runs at once. For calls that leave the process.
   */
  abstract afterCommit(effect: () => Promise<unknown>): void;
  /** For code that must never run inside a transaction (network calls): throws when it does. */
  abstract assertOutsideTransaction(what: string): void;
}
