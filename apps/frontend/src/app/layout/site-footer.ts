import { Component } from '@angular/core';

@Component({
  selector: 'app-site-footer',
  template: `
    <footer class="site-footer">
      <h2 class="footer-heading">Data sources</h2>
      <ul>
        <li>
          Occupations, skills and tasks: this site includes information from the
          <a href="https://www.onetcenter.org/database.html">O*NET 29.3 Database</a> by the U.S.
          Department of Labor, Employment and Training Administration (USDOL/ETA), used under the
          <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a> license. We have
          modified some of this information; USDOL/ETA has not approved, endorsed, or tested these
          modifications. O*NET® is a trademark of USDOL/ETA.
        </li>
        <li>
          Wages, employment projections and the 2018 Standard Occupational Classification (SOC):
          <a href="https://www.bls.gov/">U.S. Bureau of Labor Statistics</a> (OEWS May 2024,
          Employment Projections 2024–34).
        </li>
        <li>
          Job postings: LinkedIn Job Postings 2023–24 (arshkon, Kaggle), 1.3M LinkedIn Jobs &amp;
          Skills 2024 (asaniczka, Kaggle), Indeed postings 2019, Craigslist New York 2019 and Tech
          Jobs for Good / Indeed 2020. Posting text remains the property of the employers and job
          boards.
        </li>
      </ul>
    </footer>
  `,
  styles: `
    .site-footer {
      margin-top: 3rem;
      padding: 1.5rem clamp(1rem, 4vw, 2.5rem) 2rem;
      border-top: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }

    .footer-heading {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-title-small);
      color: var(--mat-sys-on-surface);
    }

    ul {
      margin: 0;
      padding-left: 1.25rem;
      max-width: 75rem;
    }

    li + li {
      margin-top: 0.375rem;
    }

    a {
      color: var(--mat-sys-primary);
    }
  `,
})
export class SiteFooter {}
