import { Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { SearchBox } from '../search/search-box/search-box';
import { JobCategories } from './job-categories/job-categories';
import { LiveCounts } from './live-counts/live-counts';

@Component({
  selector: 'app-home-page',
  imports: [RouterLink, MatButtonModule, MatIconModule, SearchBox, JobCategories, LiveCounts],
  templateUrl: './home-page.html',
  styleUrl: './home-page.scss',
})
export class HomePage {}
