import { Accounts1795301481927 } from './1795301481927-accounts';
import { AlertDigests1795400000000 } from './1795400000000-alert-digests';
import { Roles1795500000000 } from './1795500000000-roles';
import { CareerPlans1795610000000 } from './1795610000000-career-plans';
import { CrawlSources1795700000000 } from './1795700000000-crawl-sources';
import { AnalystSavedQueries1795800000000 } from './1795800000000-analyst-saved-queries';
import { OccupationCorrections1795900000000 } from './1795900000000-occupation-corrections';

/** Every migration, oldest first. Classes rather than a glob, so ts-jest and the build load the same list. */
export const MIGRATIONS = [
  Accounts1795301481927,
  AlertDigests1795400000000,
  Roles1795500000000,
  CareerPlans1795610000000,
  CrawlSources1795700000000,
  AnalystSavedQueries1795800000000,
  OccupationCorrections1795900000000,
];
