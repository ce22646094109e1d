import { checkCareerPlanResult } from './check-career-plan-result';

const profile = { realistic: 2, investigative: 4, artistic: 1.5, social: 6.5, enterprising: 3, conventional: 3.5 };
const interest = { code: '21-1012', onetCode: '21-1012.00', title: 'Counselors', match: 91, userProfile: profile, occupationProfile: profile };
const resume = { code: '29-1141', onetCode: '29-1141.00', title: 'Registered Nurses', match: 88, fit: 'best', reasons: { titles: [], skills: [], tasks: [] } };

describe('checkCareerPlanResult', () => {
  it('accepts a resume result and an interests result in their own shapes', () => {
    expect(checkCareerPlanResult('resume', [resume], [{ code: '29-1171', title: 'Nurse Practitioners' }])).toEqual([]);
    expect(checkCareerPlanResult('interests', [interest], [])).toEqual([]);
  });

  it('goes by kind: a resume match is not an interests match', () => {
    expect(checkCareerPlanResult('interests', [resume], []).map((e) => e.field)).toEqual(['matches[0].userProfile', 'matches[0].occupationProfile']);
    expect(checkCareerPlanResult('text', [interest], []).map((e) => e.field)).toEqual(['matches[0].fit']);
  });

  it('names each bad field, in lists too', () => {
    const errors = checkCareerPlanResult('resume', [resume, { ...resume, onetCode: '29-1141', title: '', match: -1 }], [{ code: 'x', title: 'ok' }]);
    expect(errors.map((e) => e.field)).toEqual(['matches[1].onetCode', 'matches[1].title', 'matches[1].match', 'alsoConsider[0].code']);
  });

  it('caps every string and the whole size, so no resume text can be stored inside a result', () => {
    const long = { ...resume, reasons: { titles: [], skills: [], tasks: [{ resume: 'r'.repeat(601), occupation: 'o' }] } };
    expect(checkCareerPlanResult('resume', [long], [])).toEqual([{ field: 'matches[0].reasons.tasks[0].resume', reason: 'must be at most 600 characters' }]);
    const big = Array.from({ length: 200 }, () => ({ ...resume, title: 't'.repeat(500) }));
    expect(checkCareerPlanResult('resume', big, [])).toEqual([{ field: 'matches', reason: expect.stringMatching(/at most 80000 are kept/) }]);
  });

  it('refuses nesting deeper than a result has', () => {
    const deep = { ...resume, reasons: { titles: [{ a: { b: { c: { d: {} } } } }], skills: [], tasks: [] } };
    expect(checkCareerPlanResult('resume', [deep], []).map((e) => e.reason)).toContain('is nested too deeply');
  });
});
