import { Inject, Injectable } from '@nestjs/common';
import type { PostingSoc, ReviewDecisionResponse, ReviewQueueParams, ReviewQueueResponse } from '@jobportal/contracts';
import {
  buildApplySocRequest,
  buildPostingForReviewRequest,
  buildReviewQueueRequest,
  buildSocLookupRequest,
  isIndexNotFound,
  mapHumanSoc,
  mapPostingForReview,
  mapReviewQueueResponse,
  putCurrentMappings,
  toSearchError,
  type Client,
} from '@jobportal/search';
import { DataSource } from 'typeorm';
import type { User } from '../auth/entities/user.entity';
import { invalidField } from '../auth/auth-errors';
import { ApiError } from '../common/error-envelope.filter';
import { DatabaseGate } from '../database/database.module';
import { SEARCH_CLIENT, SearchIndices } from '../search/search.module';
import { OccupationCorrectionRow } from './correction.entity';
import type { ReviewDecisionDto } from './dto/review.dto';

/**
 * The classifier review queue (issue 13). A decision is stored in PostgreSQL (the source of truth
 * that ingest, reclassify and training read) and written onto the posting in Elasticsearch in the
 * same request, so the next search already sees the human code.
 */
@Injectable()
export class ReviewService {
  /** Indices whose mapping was brought up to the definition (soc.coded_by) by this process. */
  private readonly mapped = new Set<string>();

  constructor(
    @Inject(SEARCH_CLIENT) private readonly es: Client,
    @Inject(SearchIndices) private readonly indices: SearchIndices,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(DatabaseGate) private readonly gate: DatabaseGate,
  ) {}

  async queue(params: ReviewQueueParams): Promise<ReviewQueueResponse> {
    try {
      return mapReviewQueueResponse(await this.es.search(buildReviewQueueRequest(this.indices.postings, params)), params);
    } catch (err) {
      // Before the first import nothing is flagged.
      if (isIndexNotFound(err)) return { items: [], total: 0, page: params.page ?? 1, size: params.size ?? 20 };
      throw toSearchError(err, 'review queue');
    }
  }

  async decide(postingId: string, dto: ReviewDecisionDto, analyst: User): Promise<ReviewDecisionResponse> {
    const posting = await this.posting(postingId);
    if (!posting) throw new ApiError(404, 'posting_not_found', `No posting has the id "${postingId}".`);
    const before = { code: posting.soc?.code ?? null, confidence: posting.soc?.confidence ?? null, codedBy: posting.soc ? (posting.soc.coded_by ?? 'model') : null };
    let code: string;
    if (dto.action === 'confirm') {
      if (!posting.soc) throw invalidField('action', 'cannot confirm a posting that has no code yet; correct it with a code');
      code = posting.soc.code;
    } else {
      code = dto.code!;
    }
    const soc = await this.humanSoc(code);
    if (!soc) throw invalidField('code', `is not an occupation in the occupations index (no O*NET occupation has SOC code ${code})`);

    await this.gate.ready();
    await this.ensureMapping(posting.index);
    // Stored first, applied second, committed last: a failed Elasticsearch write leaves no row
    // behind, and a commit that fails after the write leaves the index flag, which ingest and
    // reclassify also respect.
    const row = await this.db.transaction(async (tx) => {
      const saved = await tx.getRepository(OccupationCorrectionRow).save(
        tx.getRepository(OccupationCorrectionRow).create({
          postingId: posting.id,
          source: posting.source,
          title: posting.title,
          machineCode: before.code,
          machineConfidence: before.confidence,
          machineCodedBy: before.codedBy,
          humanCode: soc.code,
          humanSoc: soc,
          action: dto.action,
          analystId: analyst.id,
          note: dto.note ?? null,
        }),
      );
      try {
        await this.es.update(buildApplySocRequest(posting.index, posting.id, soc));
      } catch (err) {
        throw toSearchError(err, 'apply the human code');
      }
      return saved;
    });
    return { correctionId: row.id, postingId: posting.id, action: dto.action, before, soc, createdAt: row.createdAt.toISOString() };
  }

  private async posting(id: string) {
    try {
      return mapPostingForReview(await this.es.search(buildPostingForReviewRequest(this.indices.postings, id)));
    } catch (err) {
      if (isIndexNotFound(err)) return null;
      throw toSearchError(err, 'posting for review');
    }
  }

  private async humanSoc(code: string): Promise<PostingSoc | null> {
    try {
      return mapHumanSoc(await this.es.search(buildSocLookupRequest(this.indices.occupations, code)), code);
    } catch (err) {
      // Without the catalog no code can be checked: a setup problem, named with its fix.
      if (isIndexNotFound(err)) throw new ApiError(503, 'occupations_not_indexed', 'The occupations index does not exist yet; run `npm run index:occupations`.');
      throw toSearchError(err, 'occupation code lookup');
    }
  }

  /** An index created before soc.coded_by existed would refuse the field (dynamic: strict). */
  private async ensureMapping(index: string): Promise<void> {
    if (this.mapped.has(index)) return;
    await putCurrentMappings(this.es, 'postings', index);
    this.mapped.add(index);
  }
}
