import { KqlError, kqlToDsl, parseKql, type KqlField } from './kql';

const FIELDS: KqlField[] = [
  { name: 'work_mode', type: 'keyword' },
  { name: 'skills', type: 'keyword' },
  { name: 'title', type: 'text' },
  { name: 'salary.annual_min', type: 'number' },
  { name: 'posted_at', type: 'date' },
];
const dsl = (q: string) => kqlToDsl(q, parseKql(q), FIELDS);
function error(q: string): KqlError {
  try {
    dsl(q);
  } catch (err) {
    if (err instanceof KqlError) return err;
    throw err;
  }
  throw new Error(`"${q}" parsed`);
}

describe('KQL', () => {
  it.each([
    ['', { match_all: {} }],
    ['work_mode:remote', { term: { work_mode: 'remote' } }],
    ['title:"data engineer"', { match_phrase: { title: 'data engineer' } }],
    ['salary.annual_min >= 80000', { range: { 'salary.annual_min': { gte: 80000 } } }],
    ['posted_at < 2024-01-01', { range: { posted_at: { lt: '2024-01-01' } } }],
    ['skills:(python or sql)', { bool: { should: [{ term: { skills: 'python' } }, { term: { skills: 'sql' } }], minimum_should_match: 1 } }],
    ['skills:(python and sql)', { bool: { filter: [{ term: { skills: 'python' } }, { term: { skills: 'sql' } }] } }],
    ['skills:py*', { wildcard: { skills: { value: 'py*', case_insensitive: true } } }],
    ['not work_mode:onsite', { bool: { must_not: [{ term: { work_mode: 'onsite' } }] } }],
    [
      'work_mode:remote and (skills:go or skills:rust)',
      { bool: { filter: [{ term: { work_mode: 'remote' } }, { bool: { should: [{ term: { skills: 'go' } }, { term: { skills: 'rust' } }], minimum_should_match: 1 } }] } },
    ],
    ['work_mode:x AND skills:y', { bool: { filter: [{ term: { work_mode: 'x' } }, { term: { skills: 'y' } }] } }],
  ])('%s', (q, expected) => {
    expect(dsl(q)).toEqual(expected);
  });

  it('and binds tighter than or', () => {
    expect(dsl('work_mode:a or work_mode:b and skills:c')).toEqual({
      bool: { should: [{ term: { work_mode: 'a' } }, { bool: { filter: [{ term: { work_mode: 'b' } }, { term: { skills: 'c' } }] } }], minimum_should_match: 1 },
    });
  });

  it.each([
    ['work_mode:', 10, 'expected a value'],
    ['skills:*ql', 7, 'leading wildcards are not allowed'],
    ['title:/dat.*/', 6, 'regular expressions are not allowed'],
    ['(work_mode:remote', 17, 'expected ")"'],
    ['work_mode:remote skills:go', 17, 'join clauses with and / or'],
    ['title:"open', 6, 'unterminated quoted string'],
    ['python', 6, 'free text is not supported'],
    ['salary.annual_min >= lots', 0, 'is not a number'],
    ['work_mode > 3', 0, 'comparisons need one'],
    ['posted_at:"March 7"', 0, 'is not a date'],
    ['posted_at >= 2024-1-5', 0, 'is not a date'],
    ['title:data*', 0, 'wildcards only on keyword fields'],
    ['work_mode:remote\nand nope:1', 21, 'unknown field "nope"'],
  ])('%j fails at offset %d: %s', (q, offset, reason) => {
    const e = error(q);
    expect(e.offset).toBe(offset);
    expect(e.reason).toContain(reason);
  });

  it('gives line and column, and the unknown-field code', () => {
    const e = error('work_mode:remote\nand nope:1');
    expect([e.line, e.column, e.code]).toEqual([2, 5, 'unknown_field']);
  });

  it('bounds length and depth', () => {
    expect(error('work_mode:a or '.repeat(200)).reason).toContain('at most 2000 characters');
    expect(error(`${'('.repeat(12)}work_mode:a${')'.repeat(12)}`).reason).toContain('nesting deeper than 10');
  });
});
