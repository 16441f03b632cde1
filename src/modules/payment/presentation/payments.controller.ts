import { Body, Controller, Get, HttpCode, Post, RawBodyRequest, Req } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Actor } from '../../../shared/domain/actor';
import { ValidationError } from '../../../shared/domain/domain-error';
import { Authenticated, CurrentUser, OptionalAuth, Public, RequestHeader } from '../../../shared/presentation/auth.decorators';
import { Idempotent } from '../../../shared/presentation/idempotency.interceptor';
import { UuidParam } from '../../../shared/presentation/validation';
import { ConfirmPayment } from '../application/confirm-payment';
import { CreatePaymentIntent } from '../application/create-payment-intent';
import { GetPayment } from '../application/get-payment';
import { HandleWebhook } from '../application/handle-webhook';
import { RefundPayment } from '../application/refund-payment';
import { SIGNATURE_HEADER } from '../infrastructure/test-payment.provider';
import { ConfirmPaymentDto, CreateIntentDto, PaymentDto, RefundDto, WebhookAckDto } from './dto/payment.dto';
import { ApiProblems } from '../../../shared/presentation/api-problems';

const ORDER_TOKEN = { name: 'X-Order-Token', required: false, description: 'Guest orders: the accessToken returned at checkout' };

@ApiTags('payments')
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly createIntent: CreatePaymentIntent,
    private readonly confirm: ConfirmPayment,
    private readonly getPayment: GetPayment,
    private readonly refunds: RefundPayment,
    private readonly webhooks: HandleWebhook,
  ) {}

  @Post('create-intent')
  @OptionalAuth()
  @Idempotent()
  @HttpCode(200)
  @ApiHeader(ORDER_TOKEN)
  @ApiOperation({ operationId: 'createPaymentIntent', summary: "Open a payment for a pending order's total (the same open one when asked again)" })
  @ApiProblems({ 404: 'The order does not exist (or is not yours)', 409: 'The order is not pending, or a payment awaits action' })
  @ApiOkResponse({ type: PaymentDto })
  createPaymentIntent(@CurrentUser() actor: Actor | undefined, @RequestHeader('x-order-token') orderToken: string | undefined, @Body() dto: CreateIntentDto): Promise<PaymentDto> {
    return this.createIntent.execute(dto.orderId, { actor, orderToken });
  }

  @Post('confirm')
  @OptionalAuth()
  @Idempotent()
  @HttpCode(200)
  @ApiHeader(ORDER_TOKEN)
  @ApiOperation({ operationId: 'confirmPayment', summary: 'Confirm with a payment method: succeeded (order paid), failed (try again) or requires_action' })
  @ApiProblems({ 404: 'The payment does not exist (or is not yours)', 409: 'The payment is not open, or its amount no longer matches the order', 422: 'Unknown payment method' })
  @ApiOkResponse({ type: PaymentDto })
  confirmPayment(@CurrentUser() actor: Actor | undefined, @RequestHeader('x-order-token') orderToken: string | undefined, @Body() dto: ConfirmPaymentDto): Promise<PaymentDto> {
    return this.confirm.execute(dto.paymentId, dto.paymentMethod, { actor, orderToken });
  }

  @Get(':id')
  @OptionalAuth()
  @ApiHeader(ORDER_TOKEN)
  @ApiOperation({ operationId: 'getPayment', summary: 'A payment (owner of its order, or admin)' })
  @ApiOkResponse({ type: PaymentDto })
  getPaymentById(@UuidParam('id') id: string, @CurrentUser() actor: Actor | undefined, @RequestHeader('x-order-token') orderToken?: string): Promise<PaymentDto> {
    return this.getPayment.execute(id, { actor, orderToken });
  }

  @Post(':id/refund')
  @Authenticated({ roles: ['admin'] })
  @Idempotent()
  @HttpCode(200)
  @ApiOperation({ operationId: 'refundPayment', summary: 'Refund in full or in part, never more than captured (admin)' })
  @ApiProblems({ 409: 'The payment is not refundable, or the amount exceeds what is left' })
  @ApiOkResponse({ type: PaymentDto })
  refundPayment(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: RefundDto): Promise<PaymentDto> {
    return this.refunds.execute(actor, id, dto.amount, dto.reason ?? null);
  }

  @Post('webhook')
  @Public()
  @HttpCode(200)
  @ApiHeader({ name: 'Payment-Signature', required: true, description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">' })
  @ApiBody({ schema: { type: 'object', example: { id: 'evt_123', type: 'payment_intent.succeeded', data: { object: { id: 'pi_123' } } } } })
  @ApiOperation({ operationId: 'handlePaymentWebhook', summary: 'Payment provider callback (signed, each event processed once)' })
  @ApiOkResponse({ type: WebhookAckDto })
  handlePaymentWebhook(@Req() request: RawBodyRequest<FastifyRequest>, @RequestHeader(SIGNATURE_HEADER) signature?: string) {
    if (!request.rawBody) throw new ValidationError('body', 'is required');
    return this.webhooks.execute(request.rawBody, signature);
  }
}
