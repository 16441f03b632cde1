import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../shared/presentation/api-problems';
import { Authenticated } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse } from '../../../shared/presentation/pagination';
import { UuidParam } from '../../../shared/presentation/validation';
import { AdminNotifications, NotificationView } from '../application/admin-notifications';
import { Page } from '../../../shared/domain/page';
import { NotificationDto, NotificationQueryDto } from './dto/notification.dto';

@ApiTags('admin')
@Controller('admin/notifications')
@Authenticated({ roles: ['admin'] })
export class AdminNotificationsController {
  constructor(private readonly notifications: AdminNotifications) {}

  @Get()
  @ApiOperation({ operationId: 'listNotifications', summary: 'Emails sent, being retried or given up, newest first (admin)' })
  @ApiPageResponse(NotificationDto)
  listNotifications(@Query() query: NotificationQueryDto): Promise<Page<NotificationView>> {
    return this.notifications.list(query);
  }

  @Post(':id/resend')
  @HttpCode(202)
  @ApiOperation({ operationId: 'resendNotification', summary: 'Sends a sent or given-up email again, as a new notification (admin)' })
  @ApiAcceptedResponse({ type: NotificationDto, description: 'The copy, queued to be sent' })
  @ApiProblems({ 409: 'The email is still being sent (pending or failed)' })
  resendNotification(@UuidParam('id') id: string): Promise<NotificationDto> {
    return this.notifications.resend(id);
  }
}
