import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor, Role } from '../../../shared/domain/actor';
import { NotFoundError } from '../../../shared/domain/domain-error';
import { Page } from '../../../shared/domain/page';
import { SessionRepository } from '../domain/session.repository.port';
import { UserListQuery, UserRepository } from '../domain/user.repository.port';
import { toUserView, UserView } from './user.view';

/** Admin work on accounts: list and filter them, change a role, (de)activate. */
@Injectable()
export class AdministerUsers {
  constructor(
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async list(query: UserListQuery): Promise<Page<UserView>> {
    const page = await this.users.list(query);
    return { ...page, items: page.items.map(toUserView) };
  }

  async update(admin: Actor, userId: string, changes: { role?: Role; isActive?: boolean }): Promise<UserView> {
    return this.unitOfWork.run(async () => {
      const user = await this.users.findById(userId);
      if (!user) throw new NotFoundError('User', userId);
      if (changes.role !== undefined) user.changeRole(changes.role, admin.userId);
      if (changes.isActive !== undefined) user.setActive(changes.isActive, admin.userId);
      await this.users.save(user);
      // Deactivation ends every session for good: reactivating the account revives none of them.
      if (changes.isActive === false) await this.sessions.revokeAllOf(user.id, 'user_deactivated');
      return toUserView(user);
    });
  }
}
