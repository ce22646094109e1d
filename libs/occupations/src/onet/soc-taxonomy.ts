import { DATA_TABLES } from './data-files';
import type { SocClassification, SocGroup } from './occupation';
import { cell, OccupationDataError, readTable } from './read-table';

export type SocLevel = 'major' | 'minor' | 'broad' | 'detailed';

export interface SocEntry extends SocGroup {
  level: SocLevel;
  majorCode: string;
  minorCode: string | null;
  broadCode: string | null;
  definition: string | null;
}

/** The SOC 2018 hierarchy: 23 major, 98 minor, 459 broad groups and 867 detailed occupations. */
export class SocTaxonomy {
  private readonly byCode: ReadonlyMap<string, SocEntry>;

  constructor(entries: Iterable<SocEntry>) {
    this.byCode = new Map([...entries].map((e) => [e.code, e]));
  }

  get(code: string): SocEntry | undefined {
    return this.byCode.get(code);
  }

  entries(level?: SocLevel): SocEntry[] {
    const all = [...this.byCode.values()];
    return level ? all.filter((e) => e.level === level) : all;
  }

  /** The major groups, e.g. { code: "15-0000", title: "Computer and Mathematical Occupations" }. */
  majorGroups(): SocGroup[] {
    return this.entries('major').map(({ code, title }) => ({ code, title }));
  }

  /** Where a detailed SOC code sits; throws for a code the structure does not hold. */
  classify(detailedCode: string): SocClassification {
    const entry = this.byCode.get(detailedCode);
    if (!entry || entry.level !== 'detailed' || !entry.minorCode || !entry.broadCode) {
      throw new OccupationDataError(`SOC 2018 code ${detailedCode} is not a detailed occupation of the SOC 2018 structure.`);
    }
    const group = (code: string): SocGroup => {
      const g = this.byCode.get(code);
      if (!g) throw new OccupationDataError(`SOC 2018 group ${code} (parent of ${detailedCode}) is missing from the SOC 2018 structure.`);
      return { code: g.code, title: g.title };
    };
    return {
      code: entry.code,
      title: entry.title,
      definition: entry.definition,
      major: group(entry.majorCode),
      majorPrefix: entry.majorCode.slice(0, 2),
      minor: group(entry.minorCode),
      broad: group(entry.broadCode),
    };
  }
}

const LEVELS = new Set<SocLevel>(['major', 'minor', 'broad', 'detailed']);

/** Reads BLS's SOC 2018 structure and definitions. */
export async function loadSocTaxonomy(dataDir: string): Promise<SocTaxonomy> {
  const [structure, definitions] = await Promise.all([readTable(dataDir, DATA_TABLES.socStructure), readTable(dataDir, DATA_TABLES.socDefinitions)]);
  const definitionOf = new Map<string, string>();
  for (const row of definitions) {
    const code = cell(row, 'SOC Code');
    const def = cell(row, 'SOC Definition');
    if (code && def) definitionOf.set(code, def);
  }
  const entries: SocEntry[] = [];
  for (const row of structure) {
    const level = cell(row, 'level')?.toLowerCase() as SocLevel | undefined;
    const code = cell(row, 'soc_code');
    const title = cell(row, 'title');
    const majorCode = cell(row, 'major_group');
    if (!level || !LEVELS.has(level) || !code || !title || !majorCode) continue;
    entries.push({
      code,
      title,
      level,
      majorCode,
      minorCode: cell(row, 'minor_group'),
      broadCode: cell(row, 'broad_group'),
      definition: definitionOf.get(code) ?? null,
    });
  }
  if (entries.length === 0) throw new OccupationDataError(`The SOC 2018 structure in ${dataDir}/soc holds no rows.`);
  return new SocTaxonomy(entries);
}
