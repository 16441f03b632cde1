import { createHash } from 'node:crypto';
import { DomainEvent } from '../../../shared/domain/domain-event';
import { Role } from '../../../shared/domain/actor';

export interface UserRegisteredPayload {
  userId: string;
  email: string;
  role: Role;
}

export class UserRegistered extends DomainEvent<UserRegisteredPayload> {
  static readonly eventName = 'UserRegistered';
  static readonly version = 1;
  readonly name = UserRegistered.eventName;
}

export interface UserSignedInPayload {
  userId: string;
  /**
   * SHA-256 (hex) of the anonymous cart token the caller brought along (X-Cart-Token), to be
   * merged into theirs. Only the hash: events are stored in the outbox and leave the service.
   */
  cartTokenHash?: string;
}

/** Raised on login and on registration (which signs the new user in). */
export class UserSignedIn extends DomainEvent<UserSignedInPayload> {
  static readonly eventName = 'UserSignedIn';
  static readonly version = 1;
  readonly name = UserSignedIn.eventName;
}

export const hashCartToken = (token?: string): string | undefined =>
  token ? createHash('sha256').update(token).digest('hex') : undefined;
