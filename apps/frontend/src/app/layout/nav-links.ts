export interface NavLink {
  readonly path: string;
  readonly label: string;
  readonly icon: string;
  /** Shown only to accounts with one of these roles (the API checks them again). */
  readonly roles?: readonly string[];
}

/** Main navigation, in the order it appears in the side nav. */
export const NAV_LINKS: readonly NavLink[] = [
  { path: '/', label: 'Home', icon: 'home' },
  { path: '/search', label: 'Search', icon: 'search' },
  { path: '/occupations', label: 'Occupations', icon: 'category' },
  { path: '/saved', label: 'Saved', icon: 'bookmark' },
  { path: '/careers', label: 'Careers', icon: 'school' },
  { path: '/trends', label: 'Trends', icon: 'trending' },
  { path: '/explore', label: 'Explore', icon: 'explore', roles: ['analyst'] },
  { path: '/review', label: 'Review codes', icon: 'fact-check', roles: ['analyst'] },
  { path: '/services', label: 'Services', icon: 'services' },
];
