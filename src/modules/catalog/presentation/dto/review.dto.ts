import { ApiProperty } from '@nestjs/swagger';
import { IntField, StringField } from '../../../../shared/presentation/fields';
import { REVIEW_COMMENT_MAX } from '../../domain/review';

export class CreateReviewDto {
  @IntField({ example: 5, min: 1, max: 5 }) readonly rating!: number;
  @StringField({ example: 'Fitted in ten minutes, works perfectly.', maxLength: REVIEW_COMMENT_MAX, optional: true }) readonly comment?: string;
}

export class ReviewDto {
  @ApiProperty({ example: '9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: '0b8f7a52-5f7e-4d0c-9a43-8a4f2b1c9d10', format: 'uuid' }) readonly productId!: string;
  @ApiProperty({ example: '6f1c2b1e-8d4a-4a0e-9a51-3d2f0c9b7e11', format: 'uuid' }) readonly userId!: string;
  @ApiProperty({ type: 'integer', example: 5 }) readonly rating!: number;
  @ApiProperty({ example: 'Fitted in ten minutes, works perfectly.' }) readonly comment!: string;
  @ApiProperty({ example: true, description: 'The author has a paid order containing this product' }) readonly verified!: boolean;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
}
