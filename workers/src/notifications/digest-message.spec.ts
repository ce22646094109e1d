import type { JobSummary } from '@jobportal/contracts';
import { buildDigestMessage, type DigestSection } from './digest-message';

function hit(id: string, title: string): JobSummary {
  return {
    id,
    title,
    company: 'Mercy <Hospital>',
    location: { text: 'Austin, TX', city: 'Austin', region: 'Texas', regionCode: 'TX', country: 'United States', countryCode: 'US' },
    workMode: null,
    experience: null,
    employmentType: null,
    pay: null,
    postedAt: null,
    skills: [],
    source: 'generated',
    highlights: {},
  };
}

const sections: DigestSection[] = [
  { savedSearchName: 'Nurses', total: 3, hits: [hit('a', 'Registered Nurse'), hit('b', 'ICU Nurse')], unsubscribeUrl: 'http://x/api/alerts/unsubscribe?token=t1' },
  { savedSearchName: 'Welders', total: 1, hits: [hit('c', 'Welder')], unsubscribeUrl: 'http://x/api/alerts/unsubscribe?token=t2' },
];

describe('buildDigestMessage', () => {
  it('e-mail: every posting once, escaped HTML, one unsubscribe link per saved search, the overflow counted', () => {
    const m = buildDigestMessage({ channel: 'email', to: 'a@example.com', userName: 'Alice', frequency: 'daily', publicUrl: 'http://x', sections });
    expect(m).toMatchObject({ channel: 'email', to: 'a@example.com', kind: 'digest', subject: "Today's jobs for your saved searches: 4 new" });
    expect(m.text).toContain('- Registered Nurse (Mercy <Hospital> · Austin, TX): http://x/jobs/a');
    expect(m.text).toContain('and 1 more on the site.');
    expect(m.html).toContain('Mercy &lt;Hospital&gt;');
    expect(m.html).not.toContain('<Hospital>');
    expect(m.text.match(/unsubscribe\?token=/g)).toHaveLength(2);
    expect(m.html!.match(/unsubscribe\?token=/g)).toHaveLength(2);
  });

  it('SMS: short, with a stop link per saved search', () => {
    const m = buildDigestMessage({ channel: 'sms', to: '+16465550123', userName: 'Alice', frequency: 'instant', publicUrl: 'http://x', sections: [sections[0]] });
    expect(m.html).toBeUndefined();
    expect(m.text).toBe('New jobs for "Nurses": 3 new\nRegistered Nurse http://x/jobs/a\nICU Nurse http://x/jobs/b\nStop "Nurses": http://x/api/alerts/unsubscribe?token=t1');
  });
});
