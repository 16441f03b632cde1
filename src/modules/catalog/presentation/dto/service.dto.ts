import { ApiProperty } from '@nestjs/swagger';
import { BoolField, BoolQuery, IntField, StringField } from '../../../../shared/presentation/fields';
import { PageQueryDto } from '../../../../shared/presentation/pagination';
import { PRODUCT_MAX_PRICE } from '../../domain/product';
import { SERVICE_MAX_MINUTES, SERVICE_MIN_MINUTES } from '../../domain/repair-service';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export class ServiceQueryDto extends PageQueryDto {
  @StringField({ example: 'washer', maxLength: 40, optional: true, pattern: SLUG }) readonly serviceType?: string;
  @BoolQuery({ example: false, description: 'Admins only: include deactivated services' }) readonly includeInactive?: boolean;
}

export class CreateServiceDto {
  @StringField({ example: 'Washing machine diagnosis and repair', minLength: 1, maxLength: 200 }) readonly name!: string;
  @StringField({ example: 'A technician visits, diagnoses and repairs on the spot.', maxLength: 5000, optional: true }) readonly description?: string;
  @IntField({ example: 8900, min: 0, max: PRODUCT_MAX_PRICE, description: 'Pence' }) readonly basePrice!: number;
  @StringField({ example: 'washer', minLength: 1, maxLength: 40, pattern: SLUG }) readonly serviceType!: string;
  @IntField({ example: 90, min: SERVICE_MIN_MINUTES, max: SERVICE_MAX_MINUTES, description: 'Multiple of 15' }) readonly durationMinutes!: number;
}

export class UpdateServiceDto {
  @StringField({ example: 'Washing machine repair', minLength: 1, maxLength: 200, optional: true }) readonly name?: string;
  @StringField({ example: 'Diagnosis and repair.', maxLength: 5000, optional: true }) readonly description?: string;
  @IntField({ example: 9900, min: 0, max: PRODUCT_MAX_PRICE, optional: true }) readonly basePrice?: number;
  @StringField({ example: 'washer', minLength: 1, maxLength: 40, pattern: SLUG, optional: true }) readonly serviceType?: string;
  @IntField({ example: 120, min: SERVICE_MIN_MINUTES, max: SERVICE_MAX_MINUTES, optional: true }) readonly durationMinutes?: number;
  @BoolField({ example: true, optional: true }) readonly isActive?: boolean;
}

export class ServiceDto {
  @ApiProperty({ example: '3f5e8a7b-2c1d-4e9f-8a7b-6c5d4e3f2a1b', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: 'Washing machine diagnosis and repair' }) readonly name!: string;
  @ApiProperty({ example: 'A technician visits, diagnoses and repairs on the spot.' }) readonly description!: string;
  @ApiProperty({ type: 'integer', example: 8900 }) readonly basePrice!: number;
  @ApiProperty({ example: 'GBP' }) readonly currency!: string;
  @ApiProperty({ example: 'washer' }) readonly serviceType!: string;
  @ApiProperty({ type: 'integer', example: 90 }) readonly durationMinutes!: number;
  @ApiProperty({ example: true }) readonly isActive!: boolean;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly updatedAt!: string;
}

export class ServiceTypeDto {
  @ApiProperty({ example: 'washer' }) readonly slug!: string;
  @ApiProperty({ example: 'Washing machines' }) readonly name!: string;
}
