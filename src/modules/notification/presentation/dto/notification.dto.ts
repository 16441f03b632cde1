import { ApiProperty } from '@nestjs/swagger';
import { EmailField, EnumField, UuidField } from '../../../../shared/presentation/fields';
import { PageQueryDto } from '../../../../shared/presentation/pagination';
import { NOTIFICATION_STATUSES, NotificationStatus, TEMPLATE_NAMES, TemplateName } from '../../domain/notification';
import type { NotificationView } from '../../application/admin-notifications';

export class NotificationQueryDto extends PageQueryDto {
  @EnumField(NOTIFICATION_STATUSES, {
    example: 'failed',
    optional: true,
    enumName: 'NotificationStatus',
    description: 'pending: not sent yet; sent; failed: a try failed, another is due; dead: given up',
  })
  readonly status?: NotificationStatus;

  @EmailField({ example: 'customer@example.com', optional: true, description: 'Only emails to this address' })
  readonly recipient?: string;

  @UuidField({ example: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8', optional: true, description: 'Only emails about this order' })
  readonly orderId?: string;

  @UuidField({ example: '0b6f5c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b', optional: true, description: 'Only emails about this visit' })
  readonly bookingId?: string;
}

export class NotificationDto implements NotificationView {
  @ApiProperty({ example: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: 'order-placed', enum: TEMPLATE_NAMES, enumName: 'NotificationTemplate' }) readonly template!: TemplateName;
  @ApiProperty({ example: 'customer@example.com', format: 'email' }) readonly recipient!: string;
  @ApiProperty({ example: 'Order #1042 received' }) readonly subject!: string;
  @ApiProperty({ example: 'sent', enum: NOTIFICATION_STATUSES, enumName: 'NotificationStatus' }) readonly status!: NotificationStatus;
  @ApiProperty({ type: 'integer', example: 1, description: 'Tries so far (a claim counts as one)' }) readonly attempts!: number;
  @ApiProperty({ example: '451 4.3.0 Try again later', nullable: true, type: String }) readonly lastError!: string | null;
  @ApiProperty({ example: '2026-11-26T09:30:10.000Z', format: 'date-time', nullable: true, type: String, description: 'When the next try is due (pending or failed)' })
  readonly nextAttemptAt!: string | null;
  @ApiProperty({ example: '0b6f5c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b', description: 'The event id (or reminder:<visit>:<start>, resend:<id>) the email was sent for' })
  readonly dedupeKey!: string;
  @ApiProperty({ example: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8', format: 'uuid', nullable: true, type: String }) readonly orderId!: string | null;
  @ApiProperty({ example: null, format: 'uuid', nullable: true, type: String }) readonly bookingId!: string | null;
  @ApiProperty({ example: null, format: 'uuid', nullable: true, type: String, description: 'For a resend: the email it copies' }) readonly resentFrom!: string | null;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ example: '2026-11-26T09:30:01.000Z', format: 'date-time', nullable: true, type: String }) readonly sentAt!: string | null;
  @ApiProperty({ example: '2026-11-26T09:30:01.000Z', format: 'date-time' }) readonly updatedAt!: string;
}
