import type { estypes } from '@elastic/elasticsearch';
import type { JobDetail, JobSummary, PostingDocument } from '@jobportal/contracts';

/** The _source fields a result list needs: everything but the description texts. */
export const SUMMARY_SOURCE_FIELDS = [
  'id',
  'title',
  'company',
  'location',
  'geo',
  'work_mode',
  'experience_level',
  'employment_type',
  'salary',
  'posted_at',
  'skills',
  'source',
  'fingerprint',
  'soc',
] as const;

export type SummarySource = Pick<PostingDocument, (typeof SUMMARY_SOURCE_FIELDS)[number]>;

export function mapJobSummary(doc: SummarySource, highlight?: Record<string, string[]>): JobSummary {
  const loc = doc.location ?? ({} as Partial<PostingDocument['location']>);
  const highlights: JobSummary['highlights'] = {};
  if (highlight?.title?.[0]) highlights.title = highlight.title[0];
  if (highlight?.description?.length) highlights.description = highlight.description;
  return {
    id: doc.id,
    title: doc.title,
    company: doc.company ?? null,
    location: {
      text: loc.text ?? null,
      city: loc.city ?? null,
      region: loc.region ?? null,
      regionCode: loc.region_code ?? null,
      country: loc.country ?? null,
      countryCode: loc.country_code ?? null,
    },
    workMode: doc.work_mode ?? null,
    experience: doc.experience_level ?? null,
    employmentType: doc.employment_type ?? null,
    pay: doc.salary
      ? {
          min: doc.salary.min ?? null,
          max: doc.salary.max ?? null,
          period: doc.salary.period,
          currency: doc.salary.currency,
          annualMin: doc.salary.annual_min ?? null,
          annualMax: doc.salary.annual_max ?? null,
        }
      : null,
    postedAt: doc.posted_at ?? null,
    skills: doc.skills ?? [],
    source: doc.source,
    occupation: doc.soc
      ? {
          code: doc.soc.code,
          onetCode: doc.soc.onet_code,
          title: doc.soc.title,
          major: doc.soc.major,
          majorTitle: doc.soc.major_title,
          confidence: doc.soc.confidence,
          needsReview: doc.soc.needs_review,
        }
      : null,
    highlights,
  };
}

export function mapJobDetail(doc: PostingDocument): JobDetail {
  return {
    ...mapJobSummary(doc),
    description: doc.description,
    descriptionHtml: doc.description_html ?? null,
    url: doc.url ?? null,
    // Where the source gave no separate apply link, the posting's own page is where one applies.
    applyUrl: doc.apply_url ?? doc.url ?? null,
    industries: doc.industries ?? [],
    benefits: doc.benefits ?? [],
    education: doc.education ?? null,
    expiresAt: doc.expires_at ?? null,
    fingerprint: doc.fingerprint,
    // Postings indexed before postings v3 have no status: they are live.
    status: doc.status ?? 'live',
    expiredAt: doc.expired_at ?? null,
    expiryReason: doc.expiry_reason ?? null,
  };
}

export function totalOf(res: estypes.SearchResponse): { value: number; relation: 'eq' | 'gte' } {
  const t = res.hits.total;
  if (typeof t === 'number') return { value: t, relation: 'eq' };
  return { value: t?.value ?? 0, relation: t?.relation ?? 'eq' };
}
