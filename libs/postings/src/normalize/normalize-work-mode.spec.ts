import { normalizeWorkMode } from './normalize-work-mode';

describe('normalizeWorkMode', () => {
  it.each([
    ['Onsite', 'onsite'],
    ['Hybrid', 'hybrid'],
    ['Remote', 'remote'],
    ['On-site', 'onsite'],
    ['1.0', 'remote'], // LinkedIn 2023-24 remote_allowed
    ['nan', null],
    ['', null],
    ['FULL_TIME', null], // work_type is an employment type, not a work mode
  ])('reads the field %p as %p', (field, expected) => {
    expect(normalizeWorkMode({ field })).toBe(expected);
  });

  it('lets the field win over the text', () => {
    expect(normalizeWorkMode({ field: 'Onsite', title: 'Senior Data Engineer - Contract - Remote', description: '100% remote' })).toBe('onsite');
    expect(normalizeWorkMode({ field: 'Hybrid', location: 'Los Angeles, CA/Remote' })).toBe('hybrid');
  });

  it('reads remote_allowed given on its own', () => {
    expect(normalizeWorkMode({ remoteAllowed: '1.0' })).toBe('remote');
    expect(normalizeWorkMode({ remoteAllowed: 1 })).toBe('remote');
    expect(normalizeWorkMode({ remoteAllowed: true })).toBe('remote');
    expect(normalizeWorkMode({ remoteAllowed: '' })).toBeNull();
    expect(normalizeWorkMode({ remoteAllowed: '0.0' })).toBeNull();
  });

  it.each([
    [{ location: 'Los Angeles, CA/Remote' }, 'remote'],
    [{ location: 'Remote (USA)' }, 'remote'],
    [{ location: 'Virtual' }, 'remote'],
    [{ location: 'Columbus, GA 31909' }, null],
    [{ title: 'Senior Data Engineer - Contract - Remote' }, 'remote'],
    [{ title: 'URGENT!! Influencer Marketing Intern (100% WFH)' }, 'remote'],
    [{ title: 'Snowflake Data Engineer - (Hybrid)' }, 'hybrid'],
    [{ title: 'Data Governance Analyst - 3 days on-site - Temp position to start January 1.' }, 'hybrid'],
    [{ title: 'Sr. Data Engineer' }, null],
  ])('reads %p as %p', (input, expected) => {
    expect(normalizeWorkMode(input)).toBe(expected);
  });

  it.each([
    ['Our team is 100% remote and we work with teams across the United States.', 'remote'],
    ["There's flexibility to work from home two days a week.", 'remote'],
    ['This is a hybrid role based in their Chicago office and will require you to be in office Tuesdays and Thursdays.', 'hybrid'],
    ['The resource is expected to work onsite 3 days/week in either London or Toronto, ON.', 'hybrid'],
    ['This is a hybrid position. You can work 3 days remote and the other 2 days on-site in Fairfax, VA.', 'hybrid'],
    ['This is a full-time on-site role for a Fire Sprinkler Designer located in Tampa.', 'onsite'],
    ['This position is 100% in office.', 'onsite'],
    ['This is not a remote position.', null],
    ['No remote work is available for this role.', null],
    ['Remote work is not available.', null],
    ['This is a non-remote role; the candidate must work on-site.', 'onsite'],
    ['We design hybrid cloud environments and monitor remote sensing data.', null],
    ['Free on-site parking and an on-site gym.', null],
    ['', null],
  ])('reads the description %p as %p', (description, expected) => {
    expect(normalizeWorkMode({ description })).toBe(expected);
  });

  it('returns null for garbage and silence', () => {
    expect(normalizeWorkMode({})).toBeNull();
    expect(normalizeWorkMode({ field: 42, title: NaN, location: {}, description: 12345 })).toBeNull();
    expect(normalizeWorkMode({ description: 'x'.repeat(10_000) })).toBeNull();
  });
});
