import { ApiProperty } from '@nestjs/swagger';
import { IntField, StringField, UuidField } from '../../../../shared/presentation/fields';
import { PAYMENT_STATUSES, PaymentStatus } from '../../domain/payment';
import type { PaymentView } from '../../application/payment.views';

export class CreateIntentDto {
  @UuidField({ example: '8d3e5f70-9a1b-4c2d-8e3f-4a5b6c7d8e9f' }) readonly orderId!: string;
}

export class ConfirmPaymentDto {
  @UuidField({ example: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8' }) readonly paymentId!: string;
  @StringField({
    example: 'pm_card_visa',
    minLength: 3,
    maxLength: 64,
    pattern: /^pm_[a-z0-9_]+$/,
    description: 'Test mode: pm_card_visa, pm_card_mastercard, pm_paypal succeed; pm_card_declined, pm_card_insufficient_funds fail; pm_card_requires_action settles by webhook',
  })
  readonly paymentMethod!: string;
}

export class RefundDto {
  @IntField({ example: 500, min: 1, max: 10_000_000_000, optional: true, description: 'Pence; default: everything not yet refunded' }) readonly amount?: number;
  @StringField({ example: 'Damaged in transit', maxLength: 500, optional: true }) readonly reason?: string;
}

/** The one declaration of a payment on the wire: the controller returns it, the view must match it. */
export class PaymentDto implements Readonly<PaymentView> {
  @ApiProperty({ example: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8', format: 'uuid' }) readonly id!: string;
  @ApiProperty({ example: '8d3e5f70-9a1b-4c2d-8e3f-4a5b6c7d8e9f', format: 'uuid' }) readonly orderId!: string;
  @ApiProperty({ example: 'succeeded', enum: PAYMENT_STATUSES, enumName: 'PaymentStatus' }) readonly status!: PaymentStatus;
  @ApiProperty({ type: 'integer', example: 6298 }) readonly amount!: number;
  @ApiProperty({ example: 'GBP' }) readonly currency!: string;
  @ApiProperty({ example: 'test' }) readonly provider!: string;
  @ApiProperty({ example: 'pi_3f2a1b0c9d8e7f6a5b4c3d2e' }) readonly providerPaymentId!: string;
  @ApiProperty({ example: 'pm_card_visa', nullable: true, type: String }) readonly paymentMethod!: string | null;
  @ApiProperty({ type: 'integer', example: 0 }) readonly amountRefunded!: number;
  @ApiProperty({ example: null, nullable: true, type: String }) readonly failureReason!: string | null;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly createdAt!: string;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly updatedAt!: string;
}

export class WebhookAckDto {
  @ApiProperty({ example: true }) readonly received!: boolean;
  @ApiProperty({ example: false, description: 'True when this event id was already processed' }) readonly duplicate!: boolean;
}
