/**
 * Declares a transaction at a use case's boundary. Everything the work does (repository saves,
 * event handlers of other contexts, outbox rows) commits or rolls back together.
 * Nested calls join the surrounding transaction.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: () => Promise<T>): Promise<T>;
}
