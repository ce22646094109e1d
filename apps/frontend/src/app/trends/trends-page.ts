import { Component } from '@angular/core';

import { ComingSoon } from '../layout/coming-soon/coming-soon';

@Component({
  selector: 'app-trends-page',
  imports: [ComingSoon],
  template: `
    <app-coming-soon
      icon="trending"
      heading="Labor-market trends"
      summary="Follow job postings over time by occupation, place, skill and pay, for analysts and policymakers."
    >
      <li>chart postings over time by occupation (SOC) and by state or metro area;</li>
      <li>compare growth rates between places and occupations;</li>
      <li>see which skills are rising in demand and how advertised pay is moving;</li>
      <li>read the share of remote, hybrid and on-site work.</li>
    </app-coming-soon>
  `,
})
export class TrendsPage {}
