import { Controller, Get, Query } from '@nestjs/common';
import { ApiProperty, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SIDE_EFFECT_STATES, SideEffectLog, SideEffectState } from '../application/side-effects';
import { Authenticated } from './auth.decorators';
import { EnumField } from './fields';
import { ApiPageResponse, PageQueryDto } from './pagination';

export class SideEffectQueryDto extends PageQueryDto {
  @EnumField(SIDE_EFFECT_STATES, {
    example: 'failed',
    optional: true,
    enumName: 'SideEffectState',
    description: 'failed: being retried after a failure (default); dead: given up; pending: not run yet or retrying; done',
  })
  readonly state?: SideEffectState;
}

export class SideEffectDto {
  @ApiProperty({ example: '0b6f5c1e-2a3d-4e5f-8a9b-0c1d2e3f4a5b', format: 'uuid' }) readonly eventId!: string;
  @ApiProperty({ example: 'RefundRequested' }) readonly eventName!: string;
  @ApiProperty({ example: '4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8', format: 'uuid' }) readonly aggregateId!: string;
  @ApiProperty({ example: 'payment.make-refund' }) readonly consumer!: string;
  @ApiProperty({ example: 'failed', enum: SIDE_EFFECT_STATES, enumName: 'SideEffectState' }) readonly state!: string;
  @ApiProperty({ example: 2 }) readonly attempts!: number;
  @ApiProperty({ example: 'test provider: refund timed out', nullable: true, type: String }) readonly lastError!: string | null;
  @ApiProperty({ example: '2026-11-26T09:30:10.000Z', format: 'date-time', nullable: true, type: String }) readonly nextAttemptAt!: string | null;
  @ApiProperty({ example: '2026-11-26T09:30:00.000Z', format: 'date-time' }) readonly occurredAt!: string;
  @ApiProperty({ example: '2026-11-26T09:30:05.000Z', format: 'date-time' }) readonly updatedAt!: string;
}

@ApiTags('admin')
@Controller('admin/side-effects')
@Authenticated({ roles: ['admin'] })
export class SideEffectsController {
  constructor(private readonly log: SideEffectLog) {}

  @Get()
  @ApiOperation({ operationId: 'listSideEffects', summary: 'Side effects after commit (provider refunds, ...) that failed or were given up (admin)' })
  @ApiPageResponse(SideEffectDto)
  listSideEffects(@Query() query: SideEffectQueryDto) {
    return this.log.list({ state: query.state ?? 'failed', page: query.page, limit: query.limit });
  }
}
