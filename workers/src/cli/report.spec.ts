import type { IngestReport } from '@jobportal/contracts';
import { formatReports } from './report';

const report = (source: string, extra: Partial<IngestReport> = {}): IngestReport => ({
  source,
  path: `/data/${source}.csv`,
  read: 10,
  indexed: 9,
  updated: 0,
  unchanged: 0,
  duplicates: 1,
  rejected: 0,
  rejectedByReason: {},
  quarantinePath: null,
  durationMs: 1500,
  ...extra,
});

describe('import report', () => {
  it('says how many postings were flagged for occupation review, over all sources', () => {
    const text = formatReports([report('indeed_2019', { needsReview: 3 }), report('linkedin_2024', { needsReview: 4 })]);
    expect(text).toMatch(/occupation codes: 7 postings flagged for review/);
  });

  it('says when an import did not classify', () => {
    expect(formatReports([report('indeed_2019')])).toMatch(/not classified \(--no-classify\); npm run reclassify codes them/);
  });
});
