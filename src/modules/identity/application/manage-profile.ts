import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { Actor } from '../../../shared/domain/actor';
import { NotFoundError, ValidationError } from '../../../shared/domain/domain-error';
import { PasswordHasher } from '../domain/password-hasher.port';
import { SessionRepository } from '../domain/session.repository.port';
import { checkPassword } from '../domain/password-policy';
import { ProfileChanges } from '../domain/user';
import { UserRepository } from '../domain/user.repository.port';
import { toUserView, UserView } from './user.view';

export interface UpdateProfileCommand extends ProfileChanges {
  currentPassword?: string;
  newPassword?: string;
}

/** The caller's own account: read it, change profile fields or the password. */
@Injectable()
export class ManageProfile {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async get(actor: Actor): Promise<UserView> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new NotFoundError('User', actor.userId);
    return toUserView(user);
  }

  async update(actor: Actor, cmd: UpdateProfileCommand): Promise<UserView> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new NotFoundError('User', actor.userId);
    if (cmd.newPassword !== undefined) {
      if (!cmd.currentPassword || !(await this.hasher.verify(user.passwordHash, cmd.currentPassword))) {
        throw new ValidationError('currentPassword', 'is missing or incorrect');
      }
      await checkPassword(cmd.newPassword, user.email, 'newPassword');
      user.changePassword(await this.hasher.hash(cmd.newPassword));
    }
    user.updateProfile({ fullName: cmd.fullName, phone: cmd.phone, address: cmd.address });
    await this.unitOfWork.run(async () => {
      await this.users.save(user);
      // Whoever else holds a session (a stolen token, a forgotten device) is signed out; the
      // session that proved the current password goes on.
      if (cmd.newPassword !== undefined) await this.sessions.revokeAllOf(user.id, 'password_changed', actor.sessionId);
    });
    return toUserView(user);
  }
}
