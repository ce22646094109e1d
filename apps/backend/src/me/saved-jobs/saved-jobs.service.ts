import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { JobDetail, PostingStatus, SavedJob, SavedJobSnapshot, SavedJobStatus } from '@jobportal/contracts';
import { buildJobByIdRequest, buildPostingStatusRequest, isIndexNotFound, isUnavailable, mapJobByIdResponse, mapPostingStatusResponse, toSearchError, type Client } from '@jobportal/search';
import type { Repository } from 'typeorm';
import { ApiError } from '../../common/error-envelope.filter';
import { DatabaseGate } from '../../database/database.module';
import { SEARCH_CLIENT, SearchIndices } from '../../search/search.module';
import type { SaveJobDto } from './dto/saved-job.dto';
import { SavedJobRow } from './saved-job.entity';

function locationText(job: JobDetail): string | null {
  const l = job.location;
  const parts = [l.city, l.regionCode ?? l.region, l.city || l.region ? null : l.country].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.join(', ') : l.text;
}

export function snapshotOf(job: JobDetail): SavedJobSnapshot {
  return { title: job.title, company: job.company, location: locationText(job), pay: job.pay, url: job.url ?? job.applyUrl };
}

function toSavedJob(row: SavedJobRow, statuses: Map<string, PostingStatus>): SavedJob {
  return {
    jobId: row.jobId,
    status: row.status,
    note: row.note,
    job: row.snapshot,
    postingStatus: statuses.get(row.jobId) ?? null,
    savedAt: row.savedAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const notFound = () => new ApiError(404, 'saved_job_not_found', 'No saved job with that id.');

/** Every query is scoped by the user: another user's entry is indistinguishable from none (404). */
@Injectable()
export class SavedJobsService {
  constructor(
    @InjectRepository(SavedJobRow) private readonly rows: Repository<SavedJobRow>,
    @Inject(DatabaseGate) private readonly gate: DatabaseGate,
    @Inject(SEARCH_CLIENT) private readonly es: Client,
    @Inject(SearchIndices) private readonly indices: SearchIndices,
  ) {}

  async list(userId: string, status?: SavedJobStatus): Promise<SavedJob[]> {
    await this.gate.ready();
    const rows = await this.rows.find({ where: { userId, ...(status ? { status } : {}) }, order: { updatedAt: 'DESC', jobId: 'ASC' } });
    const statuses = await this.postingStatuses(rows.map((r) => r.jobId));
    return rows.map((r) => toSavedJob(r, statuses));
  }

  async get(userId: string, jobId: string): Promise<SavedJob> {
    await this.gate.ready();
    const row = await this.rows.findOneBy({ userId, jobId });
    if (!row) throw notFound();
    return toSavedJob(row, await this.postingStatuses([row.jobId]));
  }

  /** Saves the job (snapshot from the index) or updates status/note of a saved one. */
  async put(userId: string, jobId: string, dto: SaveJobDto): Promise<{ job: SavedJob; created: boolean }> {
    await this.gate.ready();
    const changes = { ...(dto.status !== undefined ? { status: dto.status } : {}), ...(dto.note !== undefined ? { note: dto.note || null } : {}) };
    const existing = await this.rows.findOneBy({ userId, jobId });
    if (existing) return { job: toSavedJob(await this.rows.save(Object.assign(existing, changes)), await this.postingStatuses([jobId])), created: false };

    const posting = await this.fetchPosting(jobId);
    if (!posting) throw new ApiError(404, 'job_not_found', 'No posting with that id; it may have been removed.');
    const inserted = await this.rows
      .createQueryBuilder()
      .insert()
      .values({ userId, jobId, status: 'saved', note: null, snapshot: snapshotOf(posting), ...changes })
      .orIgnore()
      .execute();
    // ON CONFLICT DO NOTHING returns no row when the entry already existed.
    const created = Array.isArray(inserted.raw) && inserted.raw.length > 0;
    // A parallel save of the same job won the insert: apply this request's changes to it.
    if (!created && Object.keys(changes).length > 0) await this.rows.update({ userId, jobId }, changes);
    return { job: toSavedJob(await this.rows.findOneByOrFail({ userId, jobId }), new Map([[jobId, posting.status]])), created };
  }

  async remove(userId: string, jobId: string): Promise<void> {
    await this.gate.ready();
    const res = await this.rows.delete({ userId, jobId });
    if (!res.affected) throw notFound();
  }

  /**
   * The postings' liveness now, for the "expired" mark. Saved jobs live in PostgreSQL and stay
   * listable while Elasticsearch is down: then every status is unknown (null), never a 503.
   */
  private async postingStatuses(ids: string[]): Promise<Map<string, PostingStatus>> {
    if (ids.length === 0) return new Map();
    try {
      return mapPostingStatusResponse(await this.es.search(buildPostingStatusRequest(this.indices.postings, ids)));
    } catch (err) {
      if (isIndexNotFound(err) || isUnavailable(err)) return new Map();
      throw toSearchError(err, 'saved job statuses');
    }
  }

  private async fetchPosting(jobId: string): Promise<JobDetail | null> {
    try {
      return mapJobByIdResponse(await this.es.search(buildJobByIdRequest(this.indices.postings, jobId)));
    } catch (err) {
      if (isIndexNotFound(err)) return null;
      throw toSearchError(err, 'saved job snapshot');
    }
  }
}
