import type { estypes } from '@elastic/elasticsearch';
import { buildCategoriesRequest, mapCategoriesResponse } from './categories';
import { buildJobByIdRequest, mapJobByIdResponse } from './job-by-id';
import { buildSimilarJobsRequest, mapSimilarJobsResponse } from './similar-jobs';
import { buildSuggestRequest, caseInsensitivePrefixPattern, mapSuggestResponse } from './suggest';

function response(hits: unknown[], aggregations?: unknown): estypes.SearchResponse {
  return {
    took: 3,
    timed_out: false,
    _shards: { total: 1, successful: 1, failed: 0 },
    hits: { hits: hits as estypes.SearchHit[] },
    ...(aggregations ? { aggregations: aggregations as never } : {}),
  };
}

const POSTING = {
  id: 'a1',
  source: 'craigslist_nyc_2019',
  source_id: '1',
  url: 'https://newyork.craigslist.org/x/1.html',
  apply_url: null,
  title: 'Civil Engineer',
  company: null,
  description: 'Design roads & bridges.',
  description_html: '<p>Design roads &amp; bridges.</p>',
  location: { text: 'Manhattan', city: 'Manhattan', region: 'New York', region_code: 'NY', country: 'United States', country_code: 'US', postal_code: null },
  geo: { lat: 40.78, lon: -73.97 },
  work_mode: null,
  experience_level: null,
  employment_type: 'full_time',
  salary: null,
  skills: ['AutoCAD'],
  industries: [],
  benefits: [],
  education: null,
  posted_at: null,
  expires_at: null,
  fingerprint: 'fp1',
};

describe('job by id', () => {
  it('builds the request', () => {
    expect(buildJobByIdRequest('postings', 'a1')).toMatchSnapshot();
  });
  it('maps the posting, with the posting page as the apply link when there is no other', () => {
    const job = mapJobByIdResponse(response([{ _index: 'p', _id: 'a1', _source: POSTING }]));
    expect(job).toMatchSnapshot();
    expect(job?.applyUrl).toBe(POSTING.url);
    expect(job?.descriptionHtml).toBe('<p>Design roads &amp; bridges.</p>');
  });
  it('maps no hit to null', () => {
    expect(mapJobByIdResponse(response([]))).toBeNull();
  });
});

describe('similar jobs', () => {
  it('builds a more_like_this request without the same job', () => {
    expect(buildSimilarJobsRequest('postings', 'a1', { fingerprint: 'fp1' })).toMatchSnapshot();
  });
  it('maps summaries', () => {
    expect(mapSimilarJobsResponse(response([{ _index: 'p', _id: 'a1', _source: POSTING }])).map((j) => j.id)).toEqual(['a1']);
  });
});

describe('suggest', () => {
  it('builds one request for titles, companies and skills', () => {
    expect(buildSuggestRequest('postings', ' Regist nu ')).toMatchSnapshot();
  });

  it('matches a word prefix in any case, escaping regular-expression syntax', () => {
    const re = (p: string) => new RegExp(`^${caseInsensitivePrefixPattern(p).replace(/\\(.)/g, (_m, c: string) => `\\${c}`)}$`);
    expect(re('py').test('Python')).toBe(true);
    expect(re('py').test('Statistical Software (R Python)')).toBe(true);
    expect(re('py').test('Happy')).toBe(false);
    expect(caseInsensitivePrefixPattern('c++')).toBe('(.*[^A-Za-z0-9])?[cC]\\+\\+.*');
    expect(caseInsensitivePrefixPattern('ms office')).toBe('(.*[^A-Za-z0-9])?[mM][sS] [oO][fF][fF][iI][cC][eE].*');
  });

  it('maps buckets, showing titles as postings wrote them', () => {
    const out = mapSuggestResponse(
      response([], {
        titles: { doc_count: 3, values: { buckets: [{ key: 'registered nurse', doc_count: 2, shown: { hits: { hits: [{ _source: { title: 'Registered Nurse' } }] } } }] } },
        companies: { doc_count: 1, values: { buckets: [{ key: 'Nuro', doc_count: 1 }] } },
        skills: { doc_count: 1, values: { buckets: [{ key: 'Nursing', doc_count: 1 }] } },
      }),
    );
    expect(out).toEqual({ titles: ['Registered Nurse'], companies: ['Nuro'], skills: ['Nursing'] });
    expect(mapSuggestResponse(response([]))).toEqual({ titles: [], companies: [], skills: [] });
  });
});

describe('categories', () => {
  it('builds one request with a filter and top hits per category', () => {
    expect(buildCategoriesRequest('postings')).toMatchSnapshot();
  });

  it('maps every category, zero where Elasticsearch had none', () => {
    const out = mapCategoriesResponse(
      response([], { categories: { buckets: { remote: { doc_count: 4, top: { hits: { hits: [{ _source: POSTING }] } } } } } }),
    );
    expect(out.map((c) => c.key)).toEqual(['remote', 'hybrid', 'onsite', 'internship', 'entry', 'associate', 'mid_senior', 'director', 'executive']);
    expect(out[0]).toMatchObject({ key: 'remote', label: 'Remote', params: { workMode: 'remote' }, count: 4 });
    expect(out[0].top.map((j) => j.id)).toEqual(['a1']);
    expect(out[4]).toMatchObject({ key: 'entry', label: 'Entry level', params: { experience: 'entry' }, count: 0, top: [] });
  });
});
