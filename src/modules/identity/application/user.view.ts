import { Role } from '../../../shared/domain/actor';
import { User } from '../domain/user';

/** What the API shows of a user: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  fullName: string;
  phone: string | null;
  address: string | null;
  role: Role;
  isActive: boolean;
  createdAt: string;
  updatedAt: string;
}

export function toUserView(user: User): UserView {
  const p = user.snapshot();
  return {
    id: p.id,
    email: p.email,
    fullName: p.fullName,
    phone: p.phone,
    address: p.address,
    role: p.role,
    isActive: p.isActive,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
