import type { estypes } from '@elastic/elasticsearch';
import type { Occupation } from '@jobportal/contracts';
import { toOccupationDocument } from '../occupations/occupation-document';
import { buildOccupationsBySocRequest, mapOccupationsBySoc, parseOccupationCode } from './occupation-detail';
import { buildOccupationLiveRequest, mapOccupationLiveResponse } from './occupation-live';
import { bestMatch, buildOccupationSearchRequest, mapOccupationSearchResponse, summarizeDescription } from './occupation-search';

function response(hits: unknown[], aggregations?: unknown, total = hits.length): estypes.SearchResponse {
  return {
    took: 2,
    timed_out: false,
    _shards: { total: 1, successful: 1, failed: 0 },
    hits: { total: { value: total, relation: 'eq' }, hits: hits as estypes.SearchHit[] },
    ...(aggregations ? { aggregations: aggregations as never } : {}),
  };
}

const NURSE: Occupation = {
  onetCode: '29-1141.00',
  title: 'Registered Nurses',
  description: 'Assess patient health problems and needs. Administer nursing care to ill patients. May advise patients.',
  soc: {
    code: '29-1141',
    title: 'Registered Nurses',
    definition: 'Assess patient health problems.',
    major: { code: '29-0000', title: 'Healthcare Practitioners and Technical Occupations' },
    majorPrefix: '29',
    minor: { code: '29-1000', title: 'Healthcare Diagnosing or Treating Practitioners' },
    broad: { code: '29-1140', title: 'Registered Nurses' },
  },
  alternateTitles: ['Charge Nurse', 'Staff Nurse'],
  shortTitles: ['RN'],
  reportedTitles: ['Staff RN (Staff Registered Nurse)'],
  tasks: [{ id: '1841', text: "Record patients' medical information and vital signs.", type: 'Core' }],
  technologySkills: [
    { name: 'Epic Systems', commodityCode: '43232610', commodityTitle: 'Medical software', hot: true, inDemand: true },
    { name: 'Microsoft Word', commodityCode: '43232106', commodityTitle: 'Word processing software', hot: false, inDemand: false },
  ],
  skills: [{ id: '2.B.1.a', name: 'Social Perceptiveness', importance: 4.12, level: 4.38 }],
  knowledge: [{ id: '2.C.4.e', name: 'Psychology', importance: 4.58, level: 6.08 }],
  interests: { scores: { realistic: 3.66, investigative: 4.82, artistic: 1.31, social: 5.62, enterprising: 2.28, conventional: 4.58 }, code: 'SIC' },
  workValues: { achievement: 5.33, workingConditions: 4.83, recognition: 4.67, relationships: 6.33, support: 6, independence: 5.33 },
  jobZone: { zone: 4, name: 'Job Zone Four', education: 'Bachelor', experience: 'Some', training: 'Years' },
  education: { category: 6, description: "Bachelor's Degree", percent: 55.92, distribution: [] },
  wages: {
    period: 'May 2024',
    socCode: '29-1141',
    socTitle: 'Registered Nurses',
    level: 'detailed',
    employment: 3282010,
    annual: { mean: 98430, p10: 66030, p25: 78610, median: 93600, p75: 107960, p90: 135320 },
    hourly: { mean: 47.32, p10: 31.75, p25: 37.79, median: 45, p75: 51.9, p90: 65.06 },
    annualOnly: false,
    hourlyOnly: false,
    topCoded: [],
  },
  projections: {
    period: '2024-34',
    nemCode: '29-1141',
    nemTitle: 'Registered nurses',
    employment2024: 3391,
    employment2034: 3557.1,
    changeNumeric: 166.1,
    changePercent: 4.9,
    openingsAnnual: 189.1,
    medianAnnualWage: 93600,
    typicalEducation: "Bachelor's degree",
    workExperience: 'None',
    onTheJobTraining: 'None',
  },
  relatedOccupations: [{ onetCode: '29-1171.00', title: 'Nurse Practitioners', tier: 'Primary-Short', rank: 1 }],
};

describe('occupation document', () => {
  it('flattens the profile into search fields and keeps the profile whole', () => {
    const doc = toOccupationDocument(NURSE);
    expect(doc).toMatchSnapshot();
    expect(doc.profile).toBe(NURSE);
    expect(doc.hot_technologies).toEqual(['Epic Systems']);
  });

  it('writes null for sections O*NET does not rate', () => {
    const doc = toOccupationDocument({ ...NURSE, interests: null, workValues: null, jobZone: null, education: null, wages: null, projections: null });
    expect(doc).toMatchObject({ interests: null, work_values: null, job_zone: null, education: null, wages: null, projections: null });
  });
});

describe('occupation search', () => {
  it('builds the keyword search: exact and phrase titles first, then reported titles and tasks', () => {
    expect(buildOccupationSearchRequest('occupations', { q: ' registered nurse ', size: 10, from: 20 })).toMatchSnapshot();
  });

  it('defaults to the first 20 hits', () => {
    expect(buildOccupationSearchRequest('occupations', { q: 'rn' })).toMatchObject({ from: 0, size: 20 });
  });

  it('explains a hit by its first kind of phrase or exact match, showing the value that matched best', () => {
    const highlight = {
      title: ['Registered <mark>Nurses</mark>'],
      alternate_titles: ['Prep <mark>Nurse</mark> (Preparation <mark>Nurse</mark>)', '<mark>Charge Nurse</mark>', 'Head <mark>Charge Nurse</mark>'],
      tasks: ['Supervise <mark>nurses</mark>.'],
    };
    expect(bestMatch(highlight, ['task', 'alternate_title'])).toEqual({ matchedOn: 'alternate_title', matchedText: '<mark>Charge Nurse</mark>' });
    expect(bestMatch({ title: ['<mark>Registered Nurses</mark>'], alternate_titles: ['<mark>Registered Health Nurse</mark>'] }, ['alternate_title', 'title'])).toEqual({
      matchedOn: 'title',
      matchedText: null,
    });
    expect(bestMatch({ short_titles: ['<mark>RN</mark>'] }, ['alternate_title'])).toEqual({ matchedOn: 'alternate_title', matchedText: '<mark>RN</mark>' });
  });

  it('explains a word-by-word match by the field that marks the most words', () => {
    expect(bestMatch({ title: ['Acute <mark>Care</mark> Nurses'], tasks: ['<mark>Care</mark> for <mark>patients</mark>.'] })).toEqual({ matchedOn: 'task', matchedText: '<mark>Care</mark> for <mark>patients</mark>.' });
    expect(bestMatch({ title: ['<mark>Nurse</mark> Midwives'], tasks: ['Assist <mark>nurse</mark>.'] })).toEqual({ matchedOn: 'title', matchedText: null });
    expect(bestMatch({ description: ['assess <mark>patient</mark>'] })).toEqual({ matchedOn: 'description', matchedText: null });
    expect(bestMatch(undefined)).toEqual({ matchedOn: null, matchedText: null });
  });

  it('shortens descriptions to their first sentences', () => {
    expect(summarizeDescription(NURSE.description)).toBe('Assess patient health problems and needs. Administer nursing care to ill patients.');
    expect(summarizeDescription('No full stop')).toBe('No full stop');
  });

  it('maps hits', () => {
    const doc = toOccupationDocument(NURSE);
    const out = mapOccupationSearchResponse(
      response([{ _index: 'o', _id: doc.onet_code, _source: doc, highlight: { tasks: ['Record <mark>vital</mark> signs.'] }, matched_queries: ['task'] }], undefined, 7),
    );
    expect(out).toEqual({
      total: 7,
      hits: [
        {
          onetCode: '29-1141.00',
          socCode: '29-1141',
          title: 'Registered Nurses',
          description: 'Assess patient health problems and needs. Administer nursing care to ill patients.',
          major: { code: '29-0000', title: 'Healthcare Practitioners and Technical Occupations' },
          jobZone: 4,
          medianAnnualWage: 93600,
          projectedGrowthPercent: 4.9,
          matchedOn: 'task',
          matchedText: 'Record <mark>vital</mark> signs.',
        },
      ],
    });
  });
});

describe('occupation by code', () => {
  it('parses O*NET-SOC and SOC codes and nothing else', () => {
    expect(parseOccupationCode('29-1141.00')).toEqual({ socCode: '29-1141', onetCode: '29-1141.00' });
    expect(parseOccupationCode('29-1141')).toEqual({ socCode: '29-1141', onetCode: null });
    for (const bad of ['29', '29-114', '291141', '29-1141.0', '29-1141.000', 'nurse', '']) expect(parseOccupationCode(bad)).toBeNull();
  });

  it('builds one request for the SOC code and all its O*NET occupations', () => {
    expect(buildOccupationsBySocRequest('occupations', '29-1141')).toMatchSnapshot();
  });

  it('picks the named occupation, or the .00 one for a SOC code, and lists the others as siblings', () => {
    const acute = { ...NURSE, onetCode: '29-1141.01', title: 'Acute Care Nurses' };
    const res = response([acute, NURSE].map((o) => ({ _index: 'o', _id: o.onetCode, _source: { onet_code: o.onetCode, title: o.title, profile: o } })));
    expect(mapOccupationsBySoc(res, { socCode: '29-1141', onetCode: null })).toEqual({ occupation: NURSE, siblings: [{ onetCode: '29-1141.01', title: 'Acute Care Nurses' }] });
    expect(mapOccupationsBySoc(res, { socCode: '29-1141', onetCode: '29-1141.01' })?.occupation).toBe(acute);
    expect(mapOccupationsBySoc(res, { socCode: '29-1141', onetCode: '29-1141.09' })).toBeNull();
    expect(mapOccupationsBySoc(response([]), { socCode: '99-9999', onetCode: null })).toBeNull();
    // Without a ".00" occupation (none in O*NET 29.3, but the data may change), the first one stands for the SOC code.
    expect(mapOccupationsBySoc(response([res.hits.hits[0]]), { socCode: '29-1141', onetCode: null })).toEqual({ occupation: acute, siblings: [] });
  });
});

describe('occupation live data', () => {
  it('builds one postings request with trend, companies, places, pay and the newest postings', () => {
    expect(buildOccupationLiveRequest('postings', '29-1141')).toMatchSnapshot();
  });

  it('maps the aggregations, averaging the pay range ends', () => {
    const out = mapOccupationLiveResponse(
      response(
        [
          {
            _index: 'p',
            _id: 'a1',
            _source: { id: 'a1', title: 'RN', company: 'Mercy', location: { text: 'Portland OR', city: 'Portland', region_code: 'OR' }, posted_at: '2024-03-02T00:00:00Z' },
          },
          { _index: 'p', _id: 'a2', _source: { id: 'a2', title: 'Nurse', company: null, location: { text: 'Remote', city: null, region_code: null }, posted_at: null } },
        ],
        {
          monthly: { buckets: [{ key: 1, key_as_string: '2024-02', doc_count: 3 }, { key: 2, key_as_string: '2024-03', doc_count: 0 }] },
          companies: { buckets: [{ key: 'Mercy', doc_count: 2 }] },
          cities: {
            buckets: [
              { key: 'Portland', doc_count: 3, regions: { buckets: [{ key: 'OR', doc_count: 2 }, { key: 'ME', doc_count: 1 }] } },
              { key: 'London', doc_count: 1, regions: { buckets: [{ key: '', doc_count: 1 }] } },
            ],
          },
          regions_only: { doc_count: 4, regions: { buckets: [{ key: 'Texas', doc_count: 4 }] } },
          pay: {
            doc_count: 5,
            low: { values: [{ key: 25, value: 60000 }, { key: 50, value: 70000 }, { key: 75, value: 80000 }] },
            high: { values: [{ key: 25, value: 80000 }, { key: 50, value: 90000 }, { key: 75, value: null }] },
          },
        },
        12,
      ),
    );
    expect(out).toEqual({
      postingCount: 12,
      monthlyTrend: [{ month: '2024-02', count: 3 }, { month: '2024-03', count: 0 }],
      topCompanies: [{ name: 'Mercy', count: 2 }],
      topPlaces: [
        { name: 'Texas', count: 4 },
        { name: 'Portland, OR', count: 2 },
        { name: 'London', count: 1 },
        { name: 'Portland, ME', count: 1 },
      ],
      postedPay: { count: 5, p25: 70000, median: 80000, p75: 80000 },
      postings: [
        { id: 'a1', title: 'RN', company: 'Mercy', location: 'Portland, OR', postedAt: '2024-03-02T00:00:00Z' },
        { id: 'a2', title: 'Nurse', company: null, location: 'Remote', postedAt: null },
      ],
    });
  });

  it('has no pay figures when no posting states pay', () => {
    const out = mapOccupationLiveResponse(
      response([], {
        monthly: { buckets: [] },
        companies: { buckets: [] },
        cities: { buckets: [] },
        regions_only: { doc_count: 0, regions: { buckets: [] } },
        pay: { doc_count: 0, low: { values: [] }, high: { values: [] } },
      }),
    );
    expect(out.postedPay).toBeNull();
    expect(out.postingCount).toBe(0);
  });
});
