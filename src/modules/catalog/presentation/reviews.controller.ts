import { Body, Controller, Delete, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../../shared/domain/actor';
import { Authenticated, CurrentUser, Public } from '../../../shared/presentation/auth.decorators';
import { ApiPageResponse, PageQueryDto } from '../../../shared/presentation/pagination';
import { UuidParam } from '../../../shared/presentation/validation';
import { ManageReviews } from '../application/manage-reviews';
import { CreateReviewDto, ReviewDto } from './dto/review.dto';
import { ApiProblems } from '../../../shared/presentation/api-problems';

@ApiTags('reviews')
@Controller()
export class ReviewsController {
  constructor(private readonly reviews: ManageReviews) {}

  @Get('products/:id/reviews')
  @Public()
  @ApiOperation({ operationId: 'listReviews', summary: "A product's reviews, newest first" })
  @ApiPageResponse(ReviewDto)
  listReviews(@UuidParam('id') id: string, @Query() page: PageQueryDto) {
    return this.reviews.list(id, page);
  }

  @Post('products/:id/reviews')
  @Authenticated()
  @ApiOperation({ operationId: 'createReview', summary: 'Review a product (one review per user and product)' })
  @ApiProblems({ 403: 'Only customers who bought the product may review it; sellers cannot review their own', 409: 'You already reviewed this product' })
  @ApiCreatedResponse({ type: ReviewDto })
  createReview(@CurrentUser() actor: Actor, @UuidParam('id') id: string, @Body() dto: CreateReviewDto) {
    return this.reviews.post(actor, id, dto);
  }

  @Delete('reviews/:id')
  @Authenticated()
  @HttpCode(204)
  @ApiOperation({ operationId: 'deleteReview', summary: 'Delete a review (its author or an admin)' })
  @ApiProblems({ 403: 'Only its author or an admin may delete a review' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async deleteReview(@CurrentUser() actor: Actor, @UuidParam('id') id: string): Promise<void> {
    await this.reviews.delete(actor, id);
  }
}
