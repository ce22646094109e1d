import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ACCOUNT_LIMITS, type SavedSearch, type SavedSearchParams } from '@jobportal/contracts';
import { DataSource, type Repository } from 'typeorm';
import { invalidField } from '../../auth/auth-errors';
import { User } from '../../auth/entities/user.entity';
import { ApiError } from '../../common/error-envelope.filter';
import { DatabaseGate } from '../../database/database.module';
import type { CreateSavedSearchDto, SavedSearchParamsDto, UpdateSavedSearchDto } from './dto/saved-search.dto';
import { SavedSearchRow } from './saved-search.entity';

/** The validated DTO as plain JSON: only the parameters that were given. */
function plainParams(dto: SavedSearchParamsDto): SavedSearchParams {
  return Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))) as SavedSearchParams;
}

function toSavedSearch(row: SavedSearchRow): SavedSearch {
  return {
    id: row.id,
    name: row.name,
    params: row.params,
    frequency: row.frequency,
    channel: row.channel,
    paused: row.paused,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const notFound = () => new ApiError(404, 'saved_search_not_found', 'No saved search with that id.');

/** Every query is scoped by the user: another user's search is indistinguishable from none (404). */
@Injectable()
export class SavedSearchesService {
  constructor(
    @InjectRepository(SavedSearchRow) private readonly rows: Repository<SavedSearchRow>,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(DatabaseGate) private readonly gate: DatabaseGate,
  ) {}

  async list(userId: string): Promise<SavedSearch[]> {
    await this.gate.ready();
    return (await this.rows.find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } })).map(toSavedSearch);
  }

  async get(userId: string, id: string): Promise<SavedSearch> {
    await this.gate.ready();
    const row = await this.rows.findOneBy({ id, userId });
    if (!row) throw notFound();
    return toSavedSearch(row);
  }

  async create(user: User, dto: CreateSavedSearchDto): Promise<SavedSearch> {
    const params = this.checkParams(dto.params);
    this.checkChannel(user, dto.channel);
    await this.gate.ready();
    const limit = ACCOUNT_LIMITS.savedSearchesPerUser;
    return this.db.transaction(async (m) => {
      // The user's row is the lock: two parallel creates cannot both pass the count.
      await m.createQueryBuilder(User, 'u').setLock('pessimistic_write').where('u.id = :id', { id: user.id }).getOne();
      const count = await m.countBy(SavedSearchRow, { userId: user.id });
      if (count >= limit) {
        throw new ApiError(422, 'saved_search_limit', `An account can keep at most ${limit} saved searches; delete one first.`, [
          { field: 'savedSearches', reason: `at most ${limit} per account; delete one first` },
        ]);
      }
      const row = await m.save(SavedSearchRow, m.create(SavedSearchRow, { userId: user.id, name: dto.name, params, frequency: dto.frequency, channel: dto.channel }));
      return toSavedSearch(row);
    });
  }

  async update(user: User, id: string, dto: UpdateSavedSearchDto): Promise<SavedSearch> {
    // PartialType's @IsOptional lets null through as "absent"; in a PATCH null would mean "erase", which no field allows.
    for (const field of ['name', 'params', 'frequency', 'channel', 'paused'] as const) {
      if (dto[field] === null) throw invalidField(field, 'must not be null; leave it out to keep the current value');
    }
    const params = dto.params !== undefined ? this.checkParams(dto.params) : undefined;
    if (dto.channel !== undefined) this.checkChannel(user, dto.channel);
    await this.gate.ready();
    const row = await this.rows.findOneBy({ id, userId: user.id });
    if (!row) throw notFound();
    Object.assign(row, {
      ...(dto.name !== undefined ? { name: dto.name } : {}),
      ...(params !== undefined ? { params } : {}),
      ...(dto.frequency !== undefined ? { frequency: dto.frequency } : {}),
      ...(dto.channel !== undefined ? { channel: dto.channel } : {}),
      ...(dto.paused !== undefined ? { paused: dto.paused } : {}),
    });
    return toSavedSearch(await this.rows.save(row));
  }

  async remove(userId: string, id: string): Promise<void> {
    await this.gate.ready();
    const res = await this.rows.delete({ id, userId });
    if (!res.affected) throw notFound();
  }

  private checkParams(dto: SavedSearchParamsDto): SavedSearchParams {
    const params = plainParams(dto);
    // An alert for "every new posting" is not a search; it would flood the user.
    if (Object.keys(params).length === 0) throw invalidField('params', 'must have search words or at least one filter', 'validation_failed', 422);
    return params;
  }

  private checkChannel(user: User, channel: string): void {
    if (channel === 'email' && !user.email) throw invalidField('channel', 'your account has no e-mail address; use sms', 'validation_failed', 422);
  }
}
