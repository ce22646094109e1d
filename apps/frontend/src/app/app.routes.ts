import { Routes } from '@angular/router';

import { redirectIfSignedIn, requireSignIn } from './account/auth.guard';

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
    path: 'occupations',
    title: 'Occupations',
    loadComponent: () =>
      import('./occupations/occupation-search/occupation-search-page').then((m) => m.OccupationSearchPage),
  },
  {
    path: 'occupations/:code',
    title: 'Occupation',
    loadComponent: () => import('./occupations/occupation-page/occupation-page').then((m) => m.OccupationPage),
  },
  {
    path: 'saved',
    title: 'Saved jobs',
    canActivate: [requireSignIn],
    loadComponent: () => import('./saved/saved-page').then((m) => m.SavedPage),
  },
  {
    path: 'saved-searches',
    title: 'Saved searches',
    canActivate: [requireSignIn],
    loadComponent: () => import('./saved-searches/saved-searches-page').then((m) => m.SavedSearchesPage),
  },
  {
    path: 'account',
    title: 'Your account',
    canActivate: [requireSignIn],
    loadComponent: () => import('./account/account-page').then((m) => m.AccountPage),
  },
  {
    path: 'login',
    title: 'Log in',
    canActivate: [redirectIfSignedIn],
    loadComponent: () => import('./account/sign-in/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'signup',
    title: 'Create an account',
    canActivate: [redirectIfSignedIn],
    loadComponent: () => import('./account/sign-in/signup-page').then((m) => m.SignupPage),
  },
  {
    path: 'careers',
    title: 'Careers that fit you',
    loadComponent: () => import('./careers/careers-page').then((m) => m.CareersPage),
  },
  {
    path: 'careers/plans/:id',
    title: 'Career plan',
    canActivate: [requireSignIn],
    loadComponent: () => import('./careers/career-plan-page').then((m) => m.CareerPlanPage),
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
    path: 'review',
    title: 'Review occupation codes',
    canActivate: [requireSignIn],
    loadComponent: () => import('./review/review-page').then((m) => m.ReviewPage),
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
