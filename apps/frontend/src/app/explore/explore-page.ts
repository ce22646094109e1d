import { Component } from '@angular/core';

import { ComingSoon } from '../layout/coming-soon/coming-soon';

@Component({
  selector: 'app-explore-page',
  imports: [ComingSoon],
  template: `
    <app-coming-soon
      icon="explore"
      heading="Explore occupations and postings"
      summary="Browse the occupation taxonomy and query the postings index directly."
    >
      <li>browse SOC 2018 groups and O*NET occupations with their tasks, skills and wages;</li>
      <li>see how postings are coded to occupations, with the confidence of each code;</li>
      <li>build ad-hoc breakdowns of the postings index by any facet.</li>
    </app-coming-soon>
  `,
})
export class ExplorePage {}
