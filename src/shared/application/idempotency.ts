/** A stored first response of an idempotent request. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** The right of one request to answer for a key: held until its lease (locked_until) runs out. */
export interface IdempotencyClaim {
  scope: string;
  key: string;
  token: string;
}

export type IdempotencyBegin =
  | { state: 'new'; claim: IdempotencyClaim }
  | { state: 'in_progress' }
  | { state: 'mismatch' }
  | { state: 'completed'; response: StoredResponse };

export interface IdempotencyTerms {
  requestHash: string;
  /** How long a running request holds the key; after it, a retry takes the key over. */
  leaseSeconds: number;
  retentionHours: number;
}

/**
 * Idempotency keys for writes that move money or stock: the same key with the same request
 * returns the stored first response; with another request it is refused; while the first is
 * still running (within its lease), a second one is told so.
 */
export abstract class IdempotencyStore {
  /** Claims the key (new, expired, or in progress past its lease) or reports its state. */
  abstract begin(scope: string, key: string, terms: IdempotencyTerms): Promise<IdempotencyBegin>;
  /**
   * Stores the response in the surrounding transaction, so it commits with the change it
   * answers. False when the claim was lost (the lease ran out and a retry took the key over).
   */
  abstract complete(claim: IdempotencyClaim, response: StoredResponse): Promise<boolean>;
  /** Frees a key whose request failed in a way worth retrying with the same key. */
  abstract release(claim: IdempotencyClaim): Promise<void>;
  abstract purgeExpired(now: Date): Promise<number>;
  /** Keys in progress, and how many of them are past their lease (for operators and tests). */
  abstract inProgress(): Promise<{ inProgress: number; pastLease: number }>;
}
