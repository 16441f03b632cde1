/** A stored first response of an idempotent request. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

export type IdempotencyBegin =
  | { state: 'new' }
  | { state: 'in_progress' }
  | { state: 'mismatch' }
  | { state: 'completed'; response: StoredResponse };

/**
 * Idempotency keys for writes that move money or stock: the same key with the same request
 * returns the stored first response; with another request it is refused; while the first is
 * still running, a second one is told so.
 */
export abstract class IdempotencyStore {
  abstract begin(scope: string, key: string, requestHash: string, expiresAt: Date): Promise<IdempotencyBegin>;
  abstract complete(scope: string, key: string, response: StoredResponse): Promise<void>;
  /** Forget a key whose request failed in a way worth retrying with the same key. */
  abstract abandon(scope: string, key: string): Promise<void>;
  abstract purgeExpired(now: Date): Promise<number>;
}
