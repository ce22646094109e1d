import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { CAREER_PLAN_LIMITS, type CareerPlan, type CareerPlanInputs, type CareerPlanSummary } from '@jobportal/contracts';
import { DataSource, type Repository } from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { ApiError } from '../../common/error-envelope.filter';
import { DatabaseGate } from '../../database/database.module';
import { CareerPlanRow } from './career-plan.entity';
import { checkCareerPlanResult } from './check-career-plan-result';
import type { CareerPlanInputsDto, CreateCareerPlanDto } from './dto/career-plan.dto';

/** The validated DTO class instance as plain JSON, with only the fields that were given. */
function plain<T extends object>(dto: T | undefined): Partial<T> {
  if (!dto) return {};
  return JSON.parse(JSON.stringify(dto)) as Partial<T>;
}

function toSummary(row: CareerPlanRow): CareerPlanSummary {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    topTitles: row.matches.slice(0, 3).map((m) => m.title),
    matchCount: row.matches.length,
    createdAt: row.createdAt.toISOString(),
  };
}

function toPlan(row: CareerPlanRow): CareerPlan {
  return { ...toSummary(row), matches: row.matches, alsoConsider: row.alsoConsider, skills: row.skills, inputs: row.inputs };
}

const notFound = () => new ApiError(404, 'career_plan_not_found', 'No career plan with that id.');

/** Every query is scoped by the user: another user's plan is indistinguishable from none (404). */
@Injectable()
export class CareerPlansService {
  constructor(
    @InjectRepository(CareerPlanRow) private readonly rows: Repository<CareerPlanRow>,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(DatabaseGate) private readonly gate: DatabaseGate,
  ) {}

  async list(userId: string): Promise<CareerPlanSummary[]> {
    await this.gate.ready();
    return (await this.rows.find({ where: { userId }, order: { createdAt: 'DESC', id: 'ASC' } })).map(toSummary);
  }

  async get(userId: string, id: string): Promise<CareerPlan> {
    await this.gate.ready();
    const row = await this.rows.findOneBy({ id, userId });
    if (!row) throw notFound();
    return toPlan(row);
  }

  async create(user: User, dto: CreateCareerPlanDto): Promise<CareerPlan> {
    const alsoConsider = dto.kind === 'interests' ? [] : (dto.alsoConsider ?? []);
    const errors = checkCareerPlanResult(dto.kind, dto.matches, alsoConsider);
    // Skills come from the resume or text; an interests result has none to keep.
    if (dto.kind === 'interests' && dto.skills?.length) errors.push({ field: 'skills', reason: 'an interests plan has no extracted skills' });
    if (errors.length) throw new ApiError(400, 'validation_failed', errors.map((e) => `${e.field}: ${e.reason}`).join('; '), errors);
    const skills = [...new Set((dto.skills ?? []).map((s) => s.trim()).filter(Boolean))];
    const inputs = plain<CareerPlanInputsDto>(dto.inputs) as CareerPlanInputs;
    await this.gate.ready();
    const limit = CAREER_PLAN_LIMITS.plansPerUser;
    return this.db.transaction(async (m) => {
      // The user's row is the lock: two parallel creates cannot both pass the count.
      await m.createQueryBuilder(User, 'u').setLock('pessimistic_write').where('u.id = :id', { id: user.id }).getOne();
      const count = await m.countBy(CareerPlanRow, { userId: user.id });
      if (count >= limit) {
        throw new ApiError(422, 'career_plan_limit', `An account can keep at most ${limit} career plans; delete one first.`, [
          { field: 'careerPlans', reason: `at most ${limit} per account; delete one first` },
        ]);
      }
      const row = await m.save(
        CareerPlanRow,
        m.create(CareerPlanRow, { userId: user.id, kind: dto.kind, name: dto.name, matches: dto.matches, alsoConsider, skills, inputs }),
      );
      return toPlan(row);
    });
  }

  async remove(userId: string, id: string): Promise<void> {
    await this.gate.ready();
    const res = await this.rows.delete({ id, userId });
    if (!res.affected) throw notFound();
  }
}
