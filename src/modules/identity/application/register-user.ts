import { Injectable } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { ConflictError } from '../../../shared/domain/domain-error';
import { hashCartToken, UserSignedIn } from '../domain/identity.events';
import { PasswordHasher } from '../domain/password-hasher.port';
import { checkPassword } from '../domain/password-policy';
import { User } from '../domain/user';
import { UserRepository } from '../domain/user.repository.port';
import { TokenPair, TokenService } from './token.service';
import { toUserView, UserView } from './user.view';

export interface RegisterUserCommand {
  email: string;
  password: string;
  fullName: string;
  phone?: string;
  address?: string;
  cartToken?: string;
}

/** Creates a customer account and signs it in. */
@Injectable()
export class RegisterUser {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventBus,
  ) {}

  async execute(cmd: RegisterUserCommand): Promise<TokenPair & { user: UserView }> {
    await checkPassword(cmd.password, cmd.email);
    const passwordHash = await this.hasher.hash(cmd.password);
    return this.unitOfWork.run(async () => {
      if (await this.users.emailTaken(cmd.email)) {
        throw new ConflictError('user.email_taken', 'An account with this email already exists');
      }
      const user = User.register({ ...cmd, passwordHash });
      await this.users.save(user);
      const tokens = await this.tokens.startSession(user.id, user.role);
      await this.events.publish([new UserSignedIn(user.id, { userId: user.id, cartTokenHash: hashCartToken(cmd.cartToken) })]);
      return { ...tokens, user: toUserView(user) };
    });
  }
}
