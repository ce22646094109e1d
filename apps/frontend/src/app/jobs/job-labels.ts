import type {
  EmploymentType,
  ExperienceLevel,
  FacetKey,
  PostedWithin,
  SearchSort,
  WorkMode,
} from '@jobportal/contracts';

export const WORK_MODE_LABELS: Record<WorkMode, string> = {
  remote: 'Remote',
  hybrid: 'Hybrid',
  onsite: 'On-site',
};

export const EXPERIENCE_LABELS: Record<ExperienceLevel, string> = {
  internship: 'Internship',
  entry: 'Entry level',
  associate: 'Associate',
  mid_senior: 'Mid-senior level',
  director: 'Director',
  executive: 'Executive',
};

export const EMPLOYMENT_TYPE_LABELS: Record<EmploymentType, string> = {
  full_time: 'Full-time',
  part_time: 'Part-time',
  contract: 'Contract',
  temporary: 'Temporary',
  internship: 'Internship',
  volunteer: 'Volunteer',
  other: 'Other',
};

export const POSTED_WITHIN_LABELS: Record<PostedWithin, string> = {
  '1d': 'Past 24 hours',
  '3d': 'Past 3 days',
  '7d': 'Past week',
  '30d': 'Past month',
};

export const SORT_LABELS: Record<SearchSort, string> = {
  relevance: 'Relevance',
  date: 'Newest',
  pay: 'Highest pay',
};

/** Headings of the facet groups, in API words. */
export const FACET_LABELS: Record<FacetKey, string> = {
  workMode: 'Work mode',
  experience: 'Experience',
  employmentType: 'Job type',
  pay: 'Pay',
  postedWithin: 'Date posted',
  company: 'Company',
  location: 'Location',
  skills: 'Skills',
  occupation: 'Occupation',
  source: 'Source',
};
