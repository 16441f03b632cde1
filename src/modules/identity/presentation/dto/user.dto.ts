import { ApiProperty } from '@nestjs/swagger';
import { ROLES, Role } from '../../../../shared/domain/actor';
import { BoolField, BoolQuery, EnumField, StringField } from '../../../../shared/presentation/fields';
import { PageQueryDto } from '../../../../shared/presentation/pagination';

export class UserDto {
  @ApiProperty({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: 'ann@example.com' }) readonly email!: string;
  @ApiProperty({ example: 'Ann Smith' }) readonly fullName!: string;
  @ApiProperty({ example: '+44 20 7946 0000', nullable: true, type: String }) readonly phone!: string | null;
  @ApiProperty({ example: '1 High Street, London N1 1AA', nullable: true, type: String }) readonly address!: string | null;
  @ApiProperty({ example: 'customer', enum: ROLES, enumName: 'Role' }) readonly role!: Role;
  @ApiProperty({ example: true }) readonly isActive!: boolean;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly updatedAt!: string;
}

export class UpdateMeDto {
  @StringField({ example: 'Ann Smith', minLength: 1, maxLength: 120, optional: true }) readonly fullName?: string;
  @StringField({ example: '+44 20 7946 0000', maxLength: 32, optional: true, nullable: true, pattern: /^[+0-9 ()-]{3,32}$/ })
  readonly phone?: string | null;
  @StringField({ example: '1 High Street, London N1 1AA', maxLength: 500, optional: true, nullable: true }) readonly address?: string | null;
  @StringField({ example: 'correct horse battery', minLength: 1, maxLength: 128, optional: true, trim: false, description: 'Required to change the password' })
  readonly currentPassword?: string;
  @StringField({ example: 'a new long passphrase', minLength: 1, maxLength: 128, optional: true, trim: false }) readonly newPassword?: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  @EnumField(ROLES, { example: 'technician', enumName: 'Role', optional: true }) readonly role?: Role;
  @BoolQuery({ example: true, description: 'Only active (true) or deactivated (false) users' }) readonly isActive?: boolean;
  @StringField({ example: 'example.com', maxLength: 254, optional: true, description: 'Part of the email, case-insensitive' }) readonly email?: string;
}

export class AdminUpdateUserDto {
  @EnumField(ROLES, { example: 'technician', enumName: 'Role', optional: true }) readonly role?: Role;
  @BoolField({ example: false, optional: true }) readonly isActive?: boolean;
}

export class RoleDto {
  @ApiProperty({ example: 'technician', enum: ROLES, enumName: 'Role' }) readonly name!: Role;
  @ApiProperty({ example: 'Carries out repair visits assigned to them' }) readonly description!: string;
}
