import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Authenticated, CurrentUser, Public, RequestHeader } from '../../../shared/presentation/auth.decorators';
import { LogIn } from '../application/log-in';
import { LogOut } from '../application/log-out';
import { RefreshSession } from '../application/refresh-session';
import { RegisterUser } from '../application/register-user';
import { AuthResultDto, LoginDto, LogoutDto, RefreshDto, RegisterDto, TokenPairDto } from './dto/auth.dto';
import { AuthThrottlerGuard, ThrottledAs } from './auth-throttler.guard';
import { ApiProblems } from '../../../shared/presentation/api-problems';

const CART_TOKEN_HEADER = {
  name: 'X-Cart-Token',
  required: false,
  description: 'An anonymous cart to merge into the account',
};

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registerUser: RegisterUser,
    private readonly logIn: LogIn,
    private readonly refreshSession: RefreshSession,
    private readonly logOut: LogOut,
  ) {}

  @Post('register')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @ThrottledAs('register')
  @ApiOperation({ operationId: 'register', summary: 'Create a customer account and sign in' })
  @ApiProblems({ 404: 'The X-Cart-Token names no open cart', 409: 'The email is already registered' })
  @ApiHeader(CART_TOKEN_HEADER)
  @ApiCreatedResponse({ type: AuthResultDto })
  @ApiConflictResponse({ description: 'The email is already registered' })
  @ApiTooManyRequestsResponse({ description: 'Too many registrations from this address (see Retry-After)' })
  register(@Body() dto: RegisterDto, @RequestHeader('x-cart-token') cartToken?: string): Promise<AuthResultDto> {
    return this.registerUser.execute({ ...dto, cartToken });
  }

  @Post('login')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @ThrottledAs('login')
  @HttpCode(200)
  @ApiOperation({ operationId: 'login', summary: 'Sign in with email and password' })
  @ApiProblems({ 401: 'Wrong email or password, or the account is deactivated', 404: 'The X-Cart-Token names no open cart' })
  @ApiHeader(CART_TOKEN_HEADER)
  @ApiOkResponse({ type: AuthResultDto })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts from this address, or for this account from this address (see Retry-After)' })
  login(@Body() dto: LoginDto, @RequestHeader('x-cart-token') cartToken?: string): Promise<AuthResultDto> {
    return this.logIn.execute({ ...dto, cartToken });
  }

  @Post('refresh')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @ThrottledAs('refresh')
  @HttpCode(200)
  @ApiOperation({ operationId: 'refreshToken', summary: 'Exchange a refresh token for a new token pair (rotation)' })
  @ApiProblems({ 401: 'The refresh token is unknown, expired, revoked or already used (the session is then revoked)' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiTooManyRequestsResponse({ description: 'Too many refreshes from this address (see Retry-After)' })
  refresh(@Body() dto: RefreshDto): Promise<TokenPairDto> {
    return this.refreshSession.execute(dto.refreshToken);
  }

  @Post('logout')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ operationId: 'logout', summary: 'End the current session' })
  @ApiNoContentResponse({ description: 'Signed out' })
  async logout(@CurrentUser() actor: Actor, @Body() dto: LogoutDto): Promise<void> {
    await this.logOut.execute(actor, dto.refreshToken);
  }
}
