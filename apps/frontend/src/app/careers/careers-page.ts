import { Component } from '@angular/core';

import { ComingSoon } from '../layout/coming-soon/coming-soon';

@Component({
  selector: 'app-careers-page',
  imports: [ComingSoon],
  template: `
    <app-coming-soon
      icon="school"
      heading="Find careers that fit you"
      summary="Discover occupations that match your experience, interests and values, and see what they pay and how they are growing."
    >
      <li>paste or upload your resume and see the occupations it fits best;</li>
      <li>answer a short interests and work-values questionnaire to get suggestions;</li>
      <li>compare typical pay, education and job outlook for each suggested occupation;</li>
      <li>jump straight to open postings for an occupation.</li>
    </app-coming-soon>
  `,
})
export class CareersPage {}
