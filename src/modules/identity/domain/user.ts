import { randomUUID } from 'node:crypto';
import { AggregateRoot } from '../../../shared/domain/aggregate-root';
import { Role } from '../../../shared/domain/actor';
import { ConflictError } from '../../../shared/domain/domain-error';
import { normalizeEmail } from '../../../shared/domain/email';
import { UserRegistered } from './identity.events';

export interface UserProps {
  id: string;
  email: string;
  passwordHash: string;
  fullName: string;
  phone: string | null;
  address: string | null;
  role: Role;
  isActive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ProfileChanges {
  fullName?: string;
  phone?: string | null;
  address?: string | null;
}

export class User extends AggregateRoot {
  private constructor(private props: UserProps) {
    super();
  }

  static normalizeEmail(email: string): string {
    return normalizeEmail(email);
  }

  static register(input: { email: string; passwordHash: string; fullName: string; phone?: string | null; address?: string | null; role?: Role }): User {
    const now = new Date();
    const user = new User({
      id: randomUUID(),
      email: User.normalizeEmail(input.email),
      passwordHash: input.passwordHash,
      fullName: input.fullName.trim(),
      phone: input.phone ?? null,
      address: input.address ?? null,
      role: input.role ?? 'customer',
      isActive: true,
      createdAt: now,
      updatedAt: now,
    });
    user.record(new UserRegistered(user.id, { userId: user.id, email: user.email, role: user.role }));
    return user;
  }

  static restore(props: UserProps): User {
    return new User({ ...props });
  }

  get id(): string {
    return this.props.id;
  }
  get email(): string {
    return this.props.email;
  }
  get passwordHash(): string {
    return this.props.passwordHash;
  }
  get role(): Role {
    return this.props.role;
  }
  get isActive(): boolean {
    return this.props.isActive;
  }

  snapshot(): Readonly<UserProps> {
    return { ...this.props };
  }

  updateProfile(changes: ProfileChanges): void {
    if (changes.fullName !== undefined) this.props.fullName = changes.fullName.trim();
    if (changes.phone !== undefined) this.props.phone = changes.phone;
    if (changes.address !== undefined) this.props.address = changes.address;
    this.touch();
  }

  changePassword(passwordHash: string): void {
    this.props.passwordHash = passwordHash;
    this.touch();
  }

  /** An admin cannot take away their own admin role or lock themselves out. */
  changeRole(role: Role, byUserId: string): void {
    if (byUserId === this.id && role !== this.props.role) {
      throw new ConflictError('user.cannot_change_own_role', 'Admins cannot change their own role');
    }
    this.props.role = role;
    this.touch();
  }

  setActive(isActive: boolean, byUserId: string): void {
    if (byUserId === this.id && !isActive) {
      throw new ConflictError('user.cannot_deactivate_self', 'Admins cannot deactivate their own account');
    }
    this.props.isActive = isActive;
    this.touch();
  }

  private touch(): void {
    this.props.updatedAt = new Date();
  }
}
