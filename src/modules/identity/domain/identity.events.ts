import { DomainEvent } from '../../../shared/domain/domain-event';
import { Role } from '../../../shared/domain/actor';

export interface UserRegisteredPayload {
  userId: string;
  email: string;
  role: Role;
}

export class UserRegistered extends DomainEvent<UserRegisteredPayload> {
  static readonly eventName = 'UserRegistered';
  readonly name = UserRegistered.eventName;
}

export interface UserSignedInPayload {
  userId: string;
  /** The anonymous cart the caller brought along (X-Cart-Token), to be merged into theirs. */
  cartToken?: string;
}

/** Raised on login and on registration (which signs the new user in). */
export class UserSignedIn extends DomainEvent<UserSignedInPayload> {
  static readonly eventName = 'UserSignedIn';
  readonly name = UserSignedIn.eventName;
}
