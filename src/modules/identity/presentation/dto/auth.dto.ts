import { ApiProperty } from '@nestjs/swagger';
import { EmailField, StringField } from '../../../../shared/presentation/fields';
import { UserDto } from './user.dto';

export class RegisterDto {
  @EmailField({ example: 'ann@example.com' }) readonly email!: string;
  @StringField({ example: 'correct horse battery', minLength: 1, maxLength: 128, trim: false, description: 'At least 10 characters; not a common password' })
  readonly password!: string;
  @StringField({ example: 'Ann Smith', minLength: 1, maxLength: 120 }) readonly fullName!: string;
  @StringField({ example: '+44 20 7946 0000', maxLength: 32, optional: true, pattern: /^[+0-9 ()-]{3,32}$/ }) readonly phone?: string;
  @StringField({ example: '1 High Street, London N1 1AA', maxLength: 500, optional: true }) readonly address?: string;
}

export class LoginDto {
  @EmailField({ example: 'customer@example.com' }) readonly email!: string;
  @StringField({ example: 'Customer-Password-1', minLength: 1, maxLength: 128, trim: false }) readonly password!: string;
}

export class RefreshDto {
  @StringField({ example: 'q1w2e3r4t5y6u7i8o9p0q1w2e3r4t5y6u7i8o9p0abc', minLength: 1, maxLength: 200 }) readonly refreshToken!: string;
}

export class LogoutDto {
  @StringField({ example: 'q1w2e3r4t5y6u7i8o9p0q1w2e3r4t5y6u7i8o9p0abc', minLength: 1, maxLength: 200, optional: true })
  readonly refreshToken?: string;
}

export class TokenPairDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9...' }) readonly accessToken!: string;
  @ApiProperty({ example: 'q1w2e3r4t5y6u7i8o9p0q1w2e3r4t5y6u7i8o9p0abc' }) readonly refreshToken!: string;
  @ApiProperty({ example: 'Bearer', enum: ['Bearer'] }) readonly tokenType!: 'Bearer';
  @ApiProperty({ type: 'integer', example: 900, description: 'Access token lifetime in seconds' }) readonly expiresIn!: number;
}

export class AuthResultDto extends TokenPairDto {
  @ApiProperty({ type: () => UserDto }) readonly user!: UserDto;
}
