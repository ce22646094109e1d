import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { RawPosting, RejectedRow } from '@jobportal/contracts';
import { linkedin2024Adapter } from './linkedin_2024.adapter';

const DATA_DIR = path.resolve(__dirname, '../../../../../shared/data');

describe('linkedin_2024 adapter (real sample)', () => {
  const postings: RawPosting[] = [];
  const rejects: RejectedRow[] = [];
  beforeAll(async () => {
    for await (const item of linkedin2024Adapter.read(path.join(DATA_DIR, linkedin2024Adapter.samplePath))) {
      if ('reason' in item) rejects.push(item);
      else postings.push(item);
    }
  });

  it('reads 500 records from the 18,085 lines (summaries span many lines)', () => {
    expect(postings).toHaveLength(500);
    expect(rejects).toEqual([]);
    expect(postings[499].rowNumber).toBe(18072);
    expect(new Set(postings.map((p) => p.sourceId)).size).toBe(500);
  });

  it('maps a row, taking the id from the end of job_link', () => {
    expect(postings[0]).toMatchObject({
      source: 'linkedin_2024',
      sourceId: '3739799994',
      rowNumber: 2,
      url: 'https://uk.linkedin.com/jobs/view/data-engineering-consultant-at-nigel-frank-international-3739799994',
      title: 'Data Engineering Consultant',
      company: 'Nigel Frank International',
      location: 'Leicester, England, United Kingdom',
      postedAt: '2023-12-17',
      workMode: 'Onsite',
      experience: 'Mid senior',
      skills: [],
    });
    expect(postings[0].description).toMatch(/^I am working with a Microsoft Partnered consultancy/);
  });

  it('splits job_skills into a list', () => {
    expect(postings[1]).toMatchObject({
      sourceId: '3713091902',
      location: 'Nashville Metropolitan Area',
      workMode: 'Remote',
    });
    expect(postings[1].skills?.slice(0, 5)).toEqual(['Data Engineer', 'C#', 'Python', 'OOP', 'SQL']);
    expect(postings[1].skills).toContain('REST data services');
    expect(postings[499].skills).toEqual([
      'Azure Stack',
      'Apache Spark',
      'Data Factory',
      'Apache Synapse',
      'Data Lake',
      'MS SQL',
      'Python',
      'C#',
      'ETL',
      'Databricks',
    ]);
  });

  it('hashes the link when it ends in no job id', () => {
    const link = 'https://au.linkedin.com/jobs/data-engineer-jobs';
    const posting = postings.find((p) => p.url === link);
    expect(posting).toMatchObject({
      rowNumber: 7918,
      title: 'Python Data Engineer',
      description: null,
      sourceId: createHash('sha1').update(link).digest('hex'),
    });
  });

  it('passes job levels and work modes as written', () => {
    expect(new Set(postings.map((p) => p.experience))).toEqual(new Set(['Mid senior', 'Associate']));
    expect(new Set(postings.map((p) => p.workMode))).toEqual(new Set(['Onsite', 'Hybrid', 'Remote']));
  });
});
