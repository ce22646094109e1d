import { Body, Controller, Delete, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { CareerPlan, CareerPlanSummary } from '@jobportal/contracts';
import { AccountErrorsInterceptor, invalidField } from '../../auth/auth-errors';
import type { User } from '../../auth/entities/user.entity';
import { CurrentUser, SessionGuard } from '../../auth/session.guard';
import { CareerPlansService } from './career-plans.service';
import { CareerPlanDto, CareerPlanSummaryDto, CreateCareerPlanDto } from './dto/career-plan.dto';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => invalidField('id', 'must be a career plan id (a UUID)') });

@ApiTags('me')
@ApiCookieAuth('jp_session')
@Controller('me/career-plans')
@UseGuards(SessionGuard)
@UseInterceptors(AccountErrorsInterceptor)
export class CareerPlansController {
  constructor(@Inject(CareerPlansService) private readonly plans: CareerPlansService) {}

  @Get()
  @ApiOperation({ summary: 'Career plans, newest first' })
  @ApiOkResponse({ type: [CareerPlanSummaryDto] })
  list(@CurrentUser() user: User): Promise<CareerPlanSummary[]> {
    return this.plans.list(user.id);
  }

  @Get(':id')
  @ApiOkResponse({ type: CareerPlanDto })
  @ApiNotFoundResponse({ description: '`career_plan_not_found` (also for another account\'s plan)' })
  get(@CurrentUser() user: User, @Param('id', uuid) id: string): Promise<CareerPlan> {
    return this.plans.get(user.id, id);
  }

  @Post()
  @ApiOperation({ summary: 'Save a careers result as a plan: its matches, extracted skills and non-resume inputs (never the resume)' })
  @ApiCreatedResponse({ type: CareerPlanDto })
  @ApiBadRequestResponse({ description: '`validation_failed` naming the field, e.g. `matches[0].code`' })
  @ApiUnprocessableEntityResponse({ description: '`career_plan_limit` (the 51st)' })
  create(@CurrentUser() user: User, @Body() dto: CreateCareerPlanDto): Promise<CareerPlan> {
    return this.plans.create(user, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  remove(@CurrentUser() user: User, @Param('id', uuid) id: string): Promise<void> {
    return this.plans.remove(user.id, id);
  }
}
