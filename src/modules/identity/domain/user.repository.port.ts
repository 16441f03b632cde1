import { Role } from '../../../shared/domain/actor';
import { Page, PageRequest } from '../../../shared/domain/page';
import { User } from './user';

export interface UserListQuery extends PageRequest {
  role?: Role;
  isActive?: boolean;
  email?: string;
}

export abstract class UserRepository {
  abstract findById(id: string): Promise<User | null>;
  abstract findByIds(ids: string[]): Promise<User[]>;
  abstract findByEmail(email: string): Promise<User | null>;
  abstract emailTaken(email: string): Promise<boolean>;
  /** Persists the user and publishes its events in the surrounding transaction. */
  abstract save(user: User): Promise<void>;
  abstract list(query: UserListQuery): Promise<Page<User>>;
}
