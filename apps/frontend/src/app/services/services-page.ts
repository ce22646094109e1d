import { Component } from '@angular/core';

import { ComingSoon } from '../layout/coming-soon/coming-soon';

@Component({
  selector: 'app-services-page',
  imports: [ComingSoon],
  template: `
    <app-coming-soon
      icon="services"
      heading="Services"
      summary="Tools for the people who run and use the platform's data."
    >
      <li>code your own job titles and postings to SOC occupations;</li>
      <li>use the documented HTTP API behind this site;</li>
      <li>watch imports, crawlers and background queues, and re-index when needed.</li>
    </app-coming-soon>
  `,
})
export class ServicesPage {}
