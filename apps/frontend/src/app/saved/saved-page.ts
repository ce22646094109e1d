import { Component } from '@angular/core';

import { ComingSoon } from '../layout/coming-soon/coming-soon';

@Component({
  selector: 'app-saved-page',
  imports: [ComingSoon],
  template: `
    <app-coming-soon
      icon="bookmark"
      heading="Saved jobs and searches"
      summary="Keep the postings you care about and the searches you repeat, and hear about new matches."
    >
      <li>save a job and keep a copy of it even after the posting expires;</li>
      <li>save a search with its filters and get alerts by e-mail or text message;</li>
      <li>sign in with a one-time code sent to your phone or e-mail, or an authenticator app.</li>
    </app-coming-soon>
  `,
})
export class SavedPage {}
