import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import {
  CareerCatalog,
  educationToJobZones,
  loadInterestProfilerItems,
  loadOccupations,
  type EducationLevel,
  type ProfilerItem,
} from '@jobportal/occupations';
import { loadTechnologySkills } from '@jobportal/postings';
import { ApiError } from '../common/error-envelope.filter';
import { APP_CONFIG } from '../config/config.module';

export interface CareersData {
  catalog: CareerCatalog;
  items: ProfilerItem[];
  education: EducationLevel[];
}

/**
 * The O*NET tables careers read (profiles, interests, work values, job zones, technology skills,
 * the Interest Profiler items), loaded from the data directory on first use and kept. A failed
 * load is forgotten, so fixing the data directory needs no restart.
 */
@Injectable()
export class CareersCatalogService {
  private loading: Promise<CareersData> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  data(): Promise<CareersData> {
    if (!this.loading) {
      const loading = (async () => {
        const [occ, matcher, items] = await Promise.all([
          loadOccupations(this.config.data.dir),
          loadTechnologySkills(this.config.data.technologySkillsCsv),
          loadInterestProfilerItems(this.config.data.dir),
        ]);
        return { catalog: new CareerCatalog(occ.occupations, matcher), items, education: educationToJobZones(occ.occupations.values()) };
      })();
      loading.catch(() => {
        if (this.loading === loading) this.loading = null;
      });
      this.loading = loading;
    }
    return this.loading.catch((err: unknown) => {
      throw new ApiError(503, 'careers_data_unavailable', `The O*NET tables could not be read from ${this.config.data.dir} (${err instanceof Error ? err.message : String(err)}); see data/README or run \`npm run data:fetch\`.`);
    });
  }
}
