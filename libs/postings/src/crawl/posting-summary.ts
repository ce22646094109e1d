import type { PostingDocument } from '@jobportal/contracts';

/** What `crawl:extract` prints for a posting: the normalized fields an operator checks an adapter by. */
export interface CrawledPostingSummary {
  title: string;
  company: string | null;
  postedAt: string | null;
  validThrough: string | null;
  employmentType: string | null;
  workMode: string | null;
  location: { city: string | null; countryCode: string | null };
  pay: { min: number | null; max: number | null; currency: string; period: string } | null;
  url: string | null;
  sourceId: string;
}

export function summarizePosting(doc: PostingDocument): CrawledPostingSummary {
  return {
    title: doc.title,
    company: doc.company,
    postedAt: doc.posted_at,
    validThrough: doc.expires_at,
    employmentType: doc.employment_type,
    workMode: doc.work_mode,
    location: { city: doc.location.city, countryCode: doc.location.country_code },
    pay: doc.salary ? { min: doc.salary.min, max: doc.salary.max, currency: doc.salary.currency, period: doc.salary.period } : null,
    url: doc.url,
    sourceId: doc.source_id,
  };
}
