import { Injectable } from '@nestjs/common';
import { Role } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { User } from '../domain/user';
import { UserRepository } from '../domain/user.repository.port';

export interface DirectoryEntry {
  id: string;
  email: string;
  fullName: string;
  role: Role;
  isActive: boolean;
}

function toEntry(user: User): DirectoryEntry {
  const s = user.snapshot();
  return { id: s.id, email: s.email, fullName: s.fullName, role: s.role, isActive: s.isActive };
}

/** Exported to other contexts: who a user is, and making someone a technician. */
@Injectable()
export class UserDirectory {
  constructor(private readonly users: UserRepository) {}

  async find(id: string): Promise<DirectoryEntry | null> {
    const user = await this.users.findById(id);
    return user ? toEntry(user) : null;
  }

  /** Several users in one query, keyed by id (unknown ids are absent). */
  async findMany(ids: string[]): Promise<Map<string, DirectoryEntry>> {
    const users = await this.users.findByIds([...new Set(ids)]);
    return new Map(users.map((u) => [u.id, toEntry(u)]));
  }

  async makeTechnician(id: string, byAdminId: string): Promise<DirectoryEntry> {
    const user = await this.users.findById(id);
    if (!user) throw new NotFoundError('User', id);
    if (user.role !== 'technician') {
      user.changeRole('technician', byAdminId);
      await this.users.save(user);
    }
    return (await this.find(id)) as DirectoryEntry;
  }
}
