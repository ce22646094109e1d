import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ANALYST_LIMITS, type SavedQuery } from '@jobportal/contracts';
import { AnalystRequestError, checkSavedAnalystQuery } from '@jobportal/search';
import { DataSource, type Repository } from 'typeorm';
import { User } from '../../auth/entities/user.entity';
import { ApiError } from '../../common/error-envelope.filter';
import { DatabaseGate } from '../../database/database.module';
import { toApiError } from '../analyst.service';
import type { SavedQueryDto } from '../dto/analyst.dto';
import { SavedQueryRow } from './saved-query.entity';

function toSavedQuery(row: SavedQueryRow): SavedQuery {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    ...(row.time && Object.keys(row.time).length ? { time: row.time } : {}),
    breakdowns: row.breakdowns,
    metrics: row.metrics,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const notFound = () => new ApiError(404, 'saved_query_not_found', 'No saved query with that id.');

/** The query, time range, breakdowns and metrics checked as POST /api/analyst/query would: a saved query always runs. */
function checked(dto: SavedQueryDto) {
  try {
    const plan = checkSavedAnalystQuery(dto as unknown as Record<string, unknown>);
    return { name: dto.name, query: typeof dto.query === 'string' ? dto.query : '', time: plan.time, breakdowns: plan.breakdowns, metrics: plan.metrics };
  } catch (err) {
    if (err instanceof AnalystRequestError) throw toApiError(err);
    throw err;
  }
}

/** Every query is scoped by the owner: another account's saved query is indistinguishable from none (404). */
@Injectable()
export class SavedQueriesService {
  constructor(
    @InjectRepository(SavedQueryRow) private readonly rows: Repository<SavedQueryRow>,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(DatabaseGate) private readonly gate: DatabaseGate,
  ) {}

  async list(userId: string): Promise<SavedQuery[]> {
    await this.gate.ready();
    return (await this.rows.find({ where: { userId }, order: { updatedAt: 'DESC', id: 'ASC' } })).map(toSavedQuery);
  }

  async get(userId: string, id: string): Promise<SavedQuery> {
    await this.gate.ready();
    const row = await this.rows.findOneBy({ id, userId });
    if (!row) throw notFound();
    return toSavedQuery(row);
  }

  async create(user: User, dto: SavedQueryDto): Promise<SavedQuery> {
    const values = checked(dto);
    await this.gate.ready();
    const limit = ANALYST_LIMITS.savedQueries;
    return this.db.transaction(async (m) => {
      // The user's row is the lock: two parallel creates cannot both pass the count.
      await m.createQueryBuilder(User, 'u').setLock('pessimistic_write').where('u.id = :id', { id: user.id }).getOne();
      const count = await m.countBy(SavedQueryRow, { userId: user.id });
      if (count >= limit) {
        throw new ApiError(422, 'saved_query_limit', `An account can keep at most ${limit} saved queries; delete one first.`, [
          { field: 'savedQueries', reason: `at most ${limit} per account; delete one first` },
        ]);
      }
      return toSavedQuery(await m.save(SavedQueryRow, m.create(SavedQueryRow, { userId: user.id, ...values })));
    });
  }

  async update(userId: string, id: string, dto: SavedQueryDto): Promise<SavedQuery> {
    const values = checked(dto);
    await this.gate.ready();
    const row = await this.rows.findOneBy({ id, userId });
    if (!row) throw notFound();
    Object.assign(row, values);
    return toSavedQuery(await this.rows.save(row));
  }

  async remove(userId: string, id: string): Promise<void> {
    await this.gate.ready();
    const res = await this.rows.delete({ id, userId });
    if (!res.affected) throw notFound();
  }
}
