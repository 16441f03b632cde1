import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { AppConfig } from '../../config/config';
import { RedisConnection, RedisThrottlerStorage } from '../../shared/infrastructure/redis';
import { AdministerUsers } from './application/administer-users';
import { LogIn } from './application/log-in';
import { LogOut } from './application/log-out';
import { ManageProfile } from './application/manage-profile';
import { RefreshSession } from './application/refresh-session';
import { RegisterUser } from './application/register-user';
import { TokenService } from './application/token.service';
import { UserDirectory } from './application/user-directory';
import { PasswordHasher } from './domain/password-hasher.port';
import { RoleRepository } from './domain/role.repository.port';
import { SessionRepository } from './domain/session.repository.port';
import { UserRepository } from './domain/user.repository.port';
import { Argon2PasswordHasher } from './infrastructure/argon2-password-hasher';
import { ActorCache } from './infrastructure/actor-cache';
import { AuthChangeListener } from './infrastructure/auth-change-listener';
import { JwtStrategy } from './infrastructure/jwt.strategy';
import { TypeOrmRoleRepository } from './infrastructure/typeorm-role.repository';
import { TypeOrmSessionRepository } from './infrastructure/typeorm-session.repository';
import { TypeOrmUserRepository } from './infrastructure/typeorm-user.repository';
import { VerifiedTokens } from './infrastructure/verified-tokens';
import { AuthController } from './presentation/auth.controller';
import { authThrottlers, AuthThrottlerGuard } from './presentation/auth-throttler.guard';
import { AdminUsersController, RolesController, UsersController } from './presentation/users.controller';

@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.accessSecret,
        signOptions: { algorithm: 'HS256', expiresIn: config.jwt.accessTtlSeconds, issuer: config.jwt.issuer },
        verifyOptions: { algorithms: ['HS256'], issuer: config.jwt.issuer },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [AppConfig, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) => ({
        storage: redis.client ? new RedisThrottlerStorage(redis.client, redis.prefix) : undefined,
        throttlers: authThrottlers(config),
      }),
    }),
  ],
  controllers: [AuthController, UsersController, AdminUsersController, RolesController],
  providers: [
    { provide: UserRepository, useClass: TypeOrmUserRepository },
    { provide: SessionRepository, useClass: TypeOrmSessionRepository },
    { provide: RoleRepository, useClass: TypeOrmRoleRepository },
    { provide: PasswordHasher, useClass: Argon2PasswordHasher },
    TokenService,
    {
      provide: ActorCache,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new ActorCache(config.authCache.ttlSeconds * 1000, config.authCache.maxEntries),
    },
    {
      provide: VerifiedTokens,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => new VerifiedTokens(config.authCache.maxEntries),
    },
    AuthChangeListener,
    JwtStrategy,
    AuthThrottlerGuard,
    RegisterUser,
    LogIn,
    RefreshSession,
    LogOut,
    ManageProfile,
    AdministerUsers,
    UserDirectory,
  ],
  exports: [UserDirectory],
})
export class IdentityModule {}
