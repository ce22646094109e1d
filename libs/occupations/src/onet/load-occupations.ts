import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadEmploymentProjections, loadOewsWages } from './bls';
import { DATA_TABLES, type DataTableName } from './data-files';
import {
  RIASEC_KEYS,
  WORK_VALUE_KEYS,
  type Interests,
  type JobZone,
  type Occupation,
  type OccupationCore,
  type OccupationTask,
  type RatedElement,
  type RelatedOccupation,
  type RiasecProfile,
  type TechnologySkill,
  type TypicalEducation,
  type WorkValues,
} from './occupation';
import { cell, numberCell, OccupationDataError, readTable, requireTables, type Row } from './read-table';
import { loadSocTaxonomy, type SocTaxonomy } from './soc-taxonomy';

const CODE = 'O*NET-SOC Code';
/** What `loadOccupationCores` reads. */
const CORE_TABLES: DataTableName[] = ['occupationData', 'onetToSoc2018', 'socStructure', 'socDefinitions', 'alternateTitles', 'reportedTitles', 'taskStatements'];
const OPTIONAL_TABLES: DataTableName[] = ['nemCrosswalk'];
const ONET_CODE = /^\d{2}-\d{4}\.\d{2}$/;

export interface OccupationCatalog<T extends OccupationCore = OccupationCore> {
  /** Keyed by O*NET-SOC code, in O*NET's order. */
  occupations: ReadonlyMap<string, T>;
  taxonomy: SocTaxonomy;
  /** The O*NET release, e.g. "O*NET 29.3 Database (May 2025 Release)", from its Read Me; "unknown" without one. */
  onetVersion: string;
}

function groupBy(rows: Row[], key = CODE): Map<string, Row[]> {
  const out = new Map<string, Row[]>();
  for (const row of rows) {
    const k = cell(row, key);
    if (!k) continue;
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(row);
  }
  return out;
}

function distinct(values: Iterable<string | null>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    if (!v) continue;
    const key = v.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(v);
  }
  return out;
}

export async function readOnetVersion(dataDir: string): Promise<string> {
  for (const name of ['onet/onet_29_3_read_me.txt', 'onet/Read Me.txt']) {
    try {
      const text = await readFile(resolve(dataDir, name), 'utf8');
      const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      const db = lines.find((l) => /^O\*NET [\d.]+ Database/.test(l));
      const release = lines.find((l) => /Release$/.test(l));
      if (db) return release ? `${db} (${release})` : db;
    } catch {
      // try the next name
    }
  }
  return 'unknown';
}

/**
 * The occupations with their codes, SOC 2018 place, titles and tasks: everything the classifier
 * trains on. Reads 6 tables; `loadOccupations` reads the rest for full profiles.
 */
export async function loadOccupationCores(dataDir: string): Promise<OccupationCatalog> {
  await requireTables(dataDir, CORE_TABLES.map((t) => DATA_TABLES[t]));
  const [occupationRows, crosswalkRows, taxonomy, altRows, reportedRows, taskRows, onetVersion] = await Promise.all([
    readTable(dataDir, DATA_TABLES.occupationData),
    readTable(dataDir, DATA_TABLES.onetToSoc2018),
    loadSocTaxonomy(dataDir),
    readTable(dataDir, DATA_TABLES.alternateTitles),
    readTable(dataDir, DATA_TABLES.reportedTitles),
    readTable(dataDir, DATA_TABLES.taskStatements),
    readOnetVersion(dataDir),
  ]);

  const socOf = new Map<string, string>();
  for (const row of crosswalkRows) {
    const onet = cell(row, 'O*NET-SOC 2019 Code');
    const soc = cell(row, '2018 SOC Code');
    if (onet && soc) socOf.set(onet, soc);
  }
  const alt = groupBy(altRows);
  const reported = groupBy(reportedRows);
  const tasks = groupBy(taskRows);

  const occupations = new Map<string, OccupationCore>();
  const unmapped: string[] = [];
  for (const row of occupationRows) {
    const onetCode = cell(row, CODE);
    const title = cell(row, 'Title');
    if (!onetCode || !ONET_CODE.test(onetCode) || !title) continue;
    // O*NET codes are SOC codes plus a 2-digit suffix; the crosswalk is the authority, the prefix a fallback.
    const socCode = socOf.get(onetCode) ?? onetCode.slice(0, 7);
    if (taxonomy.get(socCode)?.level !== 'detailed') {
      unmapped.push(onetCode);
      continue;
    }
    const altList = alt.get(onetCode) ?? [];
    occupations.set(onetCode, {
      onetCode,
      title,
      description: cell(row, 'Description') ?? '',
      soc: taxonomy.classify(socCode),
      alternateTitles: distinct(altList.map((r) => cell(r, 'Alternate Title'))),
      shortTitles: distinct(altList.map((r) => cell(r, 'Short Title'))),
      reportedTitles: distinct((reported.get(onetCode) ?? []).map((r) => cell(r, 'Reported Job Title'))),
      tasks: (tasks.get(onetCode) ?? []).flatMap((r): OccupationTask[] => {
        const text = cell(r, 'Task');
        if (!text) return [];
        const type = cell(r, 'Task Type');
        return [{ id: cell(r, 'Task ID') ?? '', text, type: type === 'Core' || type === 'Supplemental' ? type : null }];
      }),
    });
  }
  if (occupations.size === 0) {
    throw new OccupationDataError(`O*NET Occupation Data in ${dataDir}/onet holds no occupations that map to SOC 2018.`);
  }
  if (unmapped.length > 0) {
    throw new OccupationDataError(
      `${unmapped.length} O*NET occupation(s) have no detailed SOC 2018 code (e.g. ${unmapped.slice(0, 3).join(', ')}): ` +
        'the O*NET release and the O*NET-SOC 2019 to SOC 2018 crosswalk do not match. Run `npm run data:fetch` to download matching tables.',
    );
  }
  return { occupations, taxonomy, onetVersion };
}

function ratedElements(rows: Row[] | undefined): RatedElement[] {
  const byId = new Map<string, RatedElement>();
  for (const row of rows ?? []) {
    const id = cell(row, 'Element ID');
    const name = cell(row, 'Element Name');
    if (!id || !name) continue;
    // Ratings O*NET flags for suppression (too few or too uncertain responses) are left out.
    if (cell(row, 'Recommend Suppress') === 'Y') continue;
    let el = byId.get(id);
    if (!el) byId.set(id, (el = { id, name, importance: null, level: null }));
    const scale = cell(row, 'Scale ID');
    if (scale === 'IM') el.importance = numberCell(row, 'Data Value');
    else if (scale === 'LV') el.level = numberCell(row, 'Data Value');
  }
  return [...byId.values()].sort((a, b) => (b.importance ?? 0) - (a.importance ?? 0) || (b.level ?? 0) - (a.level ?? 0));
}

const RIASEC_LETTER: Record<string, string> = { '1': 'R', '2': 'I', '3': 'A', '4': 'S', '5': 'E', '6': 'C' };

function interestsOf(rows: Row[] | undefined): Interests | null {
  if (!rows) return null;
  const scores: Partial<RiasecProfile> = {};
  const highPoints: string[] = [];
  for (const row of rows) {
    const name = cell(row, 'Element Name')?.toLowerCase();
    const value = numberCell(row, 'Data Value');
    if (cell(row, 'Scale ID') === 'OI' && name && (RIASEC_KEYS as readonly string[]).includes(name) && value !== null) {
      scores[name as keyof RiasecProfile] = value;
    } else if (cell(row, 'Scale ID') === 'IH' && value !== null && RIASEC_LETTER[String(value)]) {
      highPoints.push(RIASEC_LETTER[String(value)]);
    }
  }
  if (RIASEC_KEYS.some((k) => scores[k] === undefined)) return null;
  return { scores: scores as RiasecProfile, code: highPoints.join('') };
}

const WORK_VALUE_NAMES: Record<string, keyof WorkValues> = {
  achievement: 'achievement',
  'working conditions': 'workingConditions',
  recognition: 'recognition',
  relationships: 'relationships',
  support: 'support',
  independence: 'independence',
};

function workValuesOf(rows: Row[] | undefined): WorkValues | null {
  if (!rows) return null;
  const values: Partial<WorkValues> = {};
  for (const row of rows) {
    const key = WORK_VALUE_NAMES[cell(row, 'Element Name')?.toLowerCase() ?? ''];
    const value = numberCell(row, 'Data Value');
    if (cell(row, 'Scale ID') === 'EX' && key && value !== null) values[key] = value;
  }
  return WORK_VALUE_KEYS.every((k) => values[k] !== undefined) ? (values as WorkValues) : null;
}

/** Full profiles: the core plus technology skills, skills, knowledge, interests, work values, job zone, education, wages, projections and related occupations. */
export async function loadOccupations(dataDir: string): Promise<OccupationCatalog<Occupation>> {
  await requireTables(
    dataDir,
    (Object.keys(DATA_TABLES) as DataTableName[]).filter((t) => !OPTIONAL_TABLES.includes(t)).map((t) => DATA_TABLES[t]),
  );
  const core = await loadOccupationCores(dataDir);
  const [tech, skills, knowledge, interests, values, zones, zoneRef, education, educationCats, related, wages, projections] = await Promise.all([
    readTable(dataDir, DATA_TABLES.technologySkills),
    readTable(dataDir, DATA_TABLES.skills),
    readTable(dataDir, DATA_TABLES.knowledge),
    readTable(dataDir, DATA_TABLES.interests),
    readTable(dataDir, DATA_TABLES.workValues),
    readTable(dataDir, DATA_TABLES.jobZones),
    readTable(dataDir, DATA_TABLES.jobZoneReference),
    readTable(dataDir, DATA_TABLES.education),
    readTable(dataDir, DATA_TABLES.educationCategories),
    readTable(dataDir, DATA_TABLES.relatedOccupations),
    loadOewsWages(dataDir),
    loadEmploymentProjections(dataDir),
  ]);
  const techBy = groupBy(tech);
  const skillsBy = groupBy(skills);
  const knowledgeBy = groupBy(knowledge);
  const interestsBy = groupBy(interests);
  const valuesBy = groupBy(values);
  const educationBy = groupBy(education);
  const relatedBy = groupBy(related);
  const zoneOf = new Map(zones.map((r) => [cell(r, CODE), numberCell(r, 'Job Zone')]));
  const zoneInfo = new Map<number, Omit<JobZone, 'zone'>>();
  for (const r of zoneRef) {
    const zone = numberCell(r, 'Job Zone');
    if (zone === null) continue;
    zoneInfo.set(zone, {
      name: cell(r, 'Name') ?? `Job Zone ${zone}`,
      education: cell(r, 'Education') ?? '',
      experience: cell(r, 'Experience') ?? '',
      training: cell(r, 'Job Training') ?? '',
    });
  }
  const educationLabel = new Map<number, string>();
  for (const r of educationCats) {
    const category = numberCell(r, 'Category');
    if (cell(r, 'Scale ID') === 'RL' && category !== null) educationLabel.set(category, cell(r, 'Category Description') ?? '');
  }

  const occupations = new Map<string, Occupation>();
  for (const [code, occ] of core.occupations) {
    const zone = zoneOf.get(code) ?? null;
    occupations.set(code, {
      ...occ,
      technologySkills: (techBy.get(code) ?? [])
        .flatMap((r): TechnologySkill[] => {
          const name = cell(r, 'Example');
          if (!name) return [];
          return [
            {
              name,
              commodityCode: cell(r, 'Commodity Code') ?? '',
              commodityTitle: cell(r, 'Commodity Title') ?? '',
              hot: cell(r, 'Hot Technology') === 'Y',
              inDemand: cell(r, 'In Demand') === 'Y',
            },
          ];
        })
        // Hot technologies first, as O*NET lists them.
        .sort((a, b) => Number(b.hot) - Number(a.hot)),
      skills: ratedElements(skillsBy.get(code)),
      knowledge: ratedElements(knowledgeBy.get(code)),
      interests: interestsOf(interestsBy.get(code)),
      workValues: workValuesOf(valuesBy.get(code)),
      jobZone: zone !== null && zoneInfo.has(zone) ? { zone, ...zoneInfo.get(zone)! } : null,
      education: typicalEducation(educationBy.get(code), educationLabel),
      wages: wages.forSoc(occ.soc.code),
      projections: projections.forOccupation(code, occ.soc.code),
      relatedOccupations: (relatedBy.get(code) ?? [])
        .flatMap((r): RelatedOccupation[] => {
          const onetCode = cell(r, 'Related O*NET-SOC Code');
          if (!onetCode) return [];
          return [
            {
              onetCode,
              title: cell(r, 'Related Title') ?? core.occupations.get(onetCode)?.title ?? '',
              tier: cell(r, 'Relatedness Tier') ?? '',
              rank: numberCell(r, 'Index') ?? 0,
            },
          ];
        })
        .sort((a, b) => a.rank - b.rank),
    });
  }
  return { occupations, taxonomy: core.taxonomy, onetVersion: core.onetVersion };
}

function typicalEducation(rows: Row[] | undefined, labels: ReadonlyMap<number, string>): TypicalEducation | null {
  const distribution = (rows ?? [])
    .filter((r) => cell(r, 'Scale ID') === 'RL')
    .flatMap((r) => {
      const category = numberCell(r, 'Category');
      const percent = numberCell(r, 'Data Value');
      return category === null || percent === null ? [] : [{ category, description: labels.get(category) ?? `Category ${category}`, percent }];
    })
    .sort((a, b) => a.category - b.category);
  if (distribution.length === 0) return null;
  const top = distribution.reduce((best, d) => (d.percent > best.percent ? d : best));
  return { category: top.category, description: top.description, percent: top.percent, distribution };
}
