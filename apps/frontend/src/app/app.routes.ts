import { Routes } from '@angular/router';

export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Find work that fits',
    loadComponent: () => import('./home/home-page').then((m) => m.HomePage),
  },
  {
    path: 'search',
    title: 'Search jobs',
    loadComponent: () => import('./search/search-page').then((m) => m.SearchPage),
  },
  {
    path: 'jobs/:id',
    title: 'Job',
    loadComponent: () => import('./jobs/job-detail/job-detail-page').then((m) => m.JobDetailPage),
  },
  {
    path: 'saved',
    title: 'Saved jobs and searches',
    loadComponent: () => import('./saved/saved-page').then((m) => m.SavedPage),
  },
  {
    path: 'careers',
    title: 'Careers that fit you',
    loadComponent: () => import('./careers/careers-page').then((m) => m.CareersPage),
  },
  {
    path: 'trends',
    title: 'Labor-market trends',
    loadComponent: () => import('./trends/trends-page').then((m) => m.TrendsPage),
  },
  {
    path: 'explore',
    title: 'Explore occupations and postings',
    loadComponent: () => import('./explore/explore-page').then((m) => m.ExplorePage),
  },
  {
    path: 'services',
    title: 'Services',
    loadComponent: () => import('./services/services-page').then((m) => m.ServicesPage),
  },
  {
    path: '**',
    title: 'Page not found',
    loadComponent: () => import('./not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
