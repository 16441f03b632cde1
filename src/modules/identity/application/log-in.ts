import { Injectable } from '@nestjs/common';
import { EventBus } from '../../../shared/application/event-bus';
import { UnitOfWork } from '../../../shared/application/unit-of-work';
import { UnauthenticatedError } from '../../../shared/domain/domain-error';
import { hashCartToken, UserSignedIn } from '../domain/identity.events';
import { PasswordHasher } from '../domain/password-hasher.port';
import { UserRepository } from '../domain/user.repository.port';
import { TokenPair, TokenService } from './token.service';
import { toUserView, UserView } from './user.view';

@Injectable()
export class LogIn {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventBus,
  ) {}

  async execute(cmd: { email: string; password: string; cartToken?: string }): Promise<TokenPair & { user: UserView }> {
    const user = await this.users.findByEmail(cmd.email);
    const valid = await this.hasher.verify(user?.passwordHash ?? null, cmd.password);
    if (!user || !valid) throw new UnauthenticatedError('Email or password is incorrect', 'auth.invalid_credentials');
    if (!user.isActive) throw new UnauthenticatedError('This account has been deactivated', 'auth.account_deactivated');
    return this.unitOfWork.run(async () => {
      const tokens = await this.tokens.startSession(user.id, user.role);
      await this.events.publish([new UserSignedIn(user.id, { userId: user.id, cartTokenHash: hashCartToken(cmd.cartToken) })]);
      return { ...tokens, user: toUserView(user) };
    });
  }
}
