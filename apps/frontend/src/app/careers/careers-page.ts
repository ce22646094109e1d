import { Component } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';

import { InterestQuestionnaire } from './interest-questionnaire';
import { ResumeMatcher } from './resume-matcher';

/** /careers: two ways to the occupations that fit a person, from their experience or from their interests. */
@Component({
  selector: 'app-careers-page',
  imports: [MatTabsModule, ResumeMatcher, InterestQuestionnaire],
  template: `
    <div class="careers-page">
      <h1 class="page-title">Find careers that fit you</h1>
      <p class="lead">
        Start from the work you have done, or from what you like doing. Either way you get the occupations that fit best,
        what they pay, how they are growing, and the jobs open for each now.
      </p>
      <mat-tab-group mat-stretch-tabs="false" animationDuration="0ms" [preserveContent]="true" aria-label="Ways to find careers">
        <mat-tab label="From my resume or experience">
          <div class="tab-body"><app-resume-matcher /></div>
        </mat-tab>
        <mat-tab label="From my interests">
          <div class="tab-body"><app-interest-questionnaire /></div>
        </mat-tab>
      </mat-tab-group>
    </div>
  `,
  styleUrl: './careers-page.scss',
})
export class CareersPage {}
