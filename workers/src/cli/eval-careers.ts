import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, REPO_ROOT } from '@jobportal/config';
import {
  CareerCatalog,
  ModelArtifactError,
  OccupationDataError,
  TfidfNearestTitle,
  classifierItems,
  combineClassifications,
  findTitles,
  fromOnetScale,
  initTensorflow,
  loadClassifier,
  loadInterestProfilerItems,
  loadOccupations,
  normalizeResumeTitle,
  rankByInterests,
  readTable,
  scoreAnswers,
  scoreCareers,
  type Occupation,
} from '@jobportal/occupations';
import { loadTechnologySkills } from '@jobportal/postings';
import { buildCareerRetrievalRequest, createSearchClient, mapCareerRetrievalResponse } from '@jobportal/search';
import { parseCliArgs, runCli } from './args';

const USAGE = 'Usage: eval-careers [--limit N] [--output docs/careers-eval.md]\nNeeds the occupations index (npm run index:occupations) and the trained classifier.';

/** Real postings: title and description columns of the sample datasets. */
const SOURCES = [
  { path: 'postings/linkedin_arshkon_2023_2024/postings_sample_first500.csv', title: 'title', text: 'description' },
  { path: 'postings/linkedin_asaniczka_2024_sample/postings_small_500.csv', title: 'job_title', text: 'job_summary' },
  { path: 'postings/indeed_data_science_2019/indeed_postings_2019.csv', title: 'title', text: 'description_text' },
  { path: 'postings/craigslist_nyc_engineering_2019/craigslist_nyc_egr_postings_2019.csv', title: 'title', text: 'description' },
  { path: 'postings/techjobsforgood_indeed_2020/postings.csv', title: 'Title', text: 'Text' },
];

interface Case {
  text: string;
  soc: string;
  half: 'dev' | 'test';
}

/**
 * Which half a case is in: FNV-1a of "<position in the labelled list>:<SOC code>", even = dev.
 * The matcher's text boosts were tuned on `dev` only (docs/careers.md); `test` is the half they
 * never saw. The list's order is the files' order, so the split is the same on every run.
 */
function halfOf(position: number, soc: string): 'dev' | 'test' {
  const key = `${position}:${soc}`;
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return (h >>> 0) % 2 === 0 ? 'dev' : 'test';
}

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2), { limit: 'string', output: 'string' }, USAGE);
  if (typeof args === 'number') return args;
  const limit = Number(args.limit ?? 400);
  const config = loadConfig();
  const onet = await loadOccupations(config.data.dir);
  const catalog = new CareerCatalog(onet.occupations, await loadTechnologySkills(config.data.technologySkillsCsv));
  // Titles that name exactly one SOC code: a posting with that title is labelled with certainty.
  const socsOf = new Map<string, Set<string>>();
  for (const o of onet.occupations.values()) {
    for (const t of [o.title, ...o.alternateTitles]) {
      const k = normalizeResumeTitle(t);
      if (!socsOf.has(k)) socsOf.set(k, new Set());
      socsOf.get(k)!.add(o.soc.code);
    }
  }
  const cases: Case[] = [];
  for (const s of SOURCES) {
    const rows = await readTable(config.data.dir, { label: s.path, paths: [s.path], columns: [s.title, s.text] });
    for (const r of rows) {
      const title = r[s.title] ?? '';
      const socs = socsOf.get(normalizeResumeTitle(title));
      const body = r[s.text] ?? '';
      if (!socs || socs.size !== 1 || body.length < 200) continue;
      // The title is removed from the text: the matcher must find the occupation from the rest.
      const escaped = title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const soc = [...socs][0];
      cases.push({ text: body.replace(new RegExp(escaped, 'gi'), ' '), soc, half: halfOf(cases.length, soc) });
    }
  }
  const sample = cases.slice(0, limit);
  process.stdout.write(`${cases.length} labelled postings; evaluating ${sample.length}\n`);

  await initTensorflow();
  // As the backend loads it (ClassifyService): the model with the O*NET title index beside it.
  const { classifier } = await loadClassifier(config.models.dir, { dataDir: config.data.dir });
  const es = createSearchClient({ node: config.elastic.node });
  const index = `${config.elastic.indexPrefix}occupations`;
  const occs = [...onet.occupations.values()];
  const seed = new TfidfNearestTitle(occs.map((o: Occupation, i) => ({ text: [o.title, ...o.alternateTitles, o.description, ...o.tasks.map((t) => t.text)].join(' '), label: i })));

  type Tally = { t1: number; t3: number; m1: number; m3: number; n: number };
  const blank = (): Tally => ({ t1: 0, t3: 0, m1: 0, m3: 0, n: 0 });
  const tally = { ours: { all: blank(), dev: blank(), test: blank() }, seed: { all: blank(), dev: blank(), test: blank() } };
  const count = (t: Tally, ranked: string[], soc: string) => {
    t.n++;
    if (ranked[0] === soc) t.t1++;
    if (ranked.slice(0, 3).includes(soc)) t.t3++;
    const majors = [...new Set(ranked.map((c) => c.slice(0, 2)))];
    if (majors[0] === soc.slice(0, 2)) t.m1++;
    if (majors.slice(0, 3).includes(soc.slice(0, 2))) t.m3++;
  };
  let done = 0;
  let withTitles = 0;
  for (const c of sample) {
    const titles = findTitles(c.text, undefined, catalog.titleLexicon);
    if (titles.length > 0) withTitles++;
    const skills = catalog.extractSkills(c.text);
    const items = classifierItems(titles, c.text);
    const cls = items.length ? combineClassifications(classifier.predict(items, 5).map((p, i) => ({ weight: items[i].weight, soc: p.soc }))) : { bySoc: new Map() };
    const hits = mapCareerRetrievalResponse(await es.search(buildCareerRetrievalRequest(index, { titles, skills, text: c.text })));
    const ours = scoreCareers({ catalog, titles, skills, classifier: cls, hits }).map((s) => s.socCode);
    const seen: string[] = [];
    for (const h of seed.query(c.text, 30)) if (!seen.includes(occs[h.label].soc.code)) seen.push(occs[h.label].soc.code);
    for (const part of ['all', c.half] as const) {
      count(tally.ours[part], ours, c.soc);
      count(tally.seed[part], seen, c.soc);
    }
    if (++done % 50 === 0) process.stdout.write(`  ${done}/${sample.length}\n`);
  }
  await es.close();

  // Profiler: each occupation's own profile, as integer 0-40 scores, in its own top 10?
  const withInterests = occs.filter((o) => o.interests);
  let selfTop10 = 0;
  for (const o of withInterests) if (rankByInterests(occs, { scores: fromOnetScale(o.interests!.scores), limit: 10 }).some((r) => r.occupation.onetCode === o.onetCode)) selfTop10++;
  // Stability: for random answer sets, move one answer by one step; how many of the top 5 change?
  const items = await loadInterestProfilerItems(config.data.dir);
  let seedState = 7;
  const rnd = () => ((seedState = (seedState * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let changed = 0;
  let trials = 0;
  for (let t = 0; t < 200; t++) {
    const answers = items.map(() => 1 + Math.floor(rnd() * 5));
    const base = scoreAnswers(answers, items);
    if (new Set(Object.values(base)).size === 1) continue;
    const i = Math.floor(rnd() * 60);
    const moved = [...answers];
    moved[i] = answers[i] === 5 ? 4 : answers[i] + 1;
    const a = rankByInterests(occs, { scores: base, limit: 5 }).map((r) => r.occupation.onetCode);
    const b = rankByInterests(occs, { scores: scoreAnswers(moved, items), limit: 5 }).map((r) => r.occupation.onetCode);
    changed += a.filter((x) => !b.includes(x)).length;
    trials++;
  }
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)}%`;
  const row = (name: string, t: Tally) => `| ${name} | ${t.n} | ${pct(t.t1, t.n)} | ${pct(t.t3, t.n)} | ${pct(t.m1, t.n)} | ${pct(t.m3, t.n)} |`;
  const halves = [
    ['all', 'full set'],
    ['dev', 'dev half (weights tuned here)'],
    ['test', 'test half (untouched)'],
  ] as const;
  const report = [
    `## Evaluation (npm run eval:careers, ${new Date().toISOString().slice(0, 10)})`,
    '',
    `Labelled set: ${sample.length} real postings (of ${cases.length}) from the sample datasets whose title names exactly one SOC code (O*NET title or alternate title), title removed from the text, as stand-in resumes.`,
    '',
    `Halves: FNV-1a of "position:SOC code", even = dev (${tally.ours.dev.n}), odd = test (${tally.ours.test.n}). Titles found (lexicon-checked) in ${withTitles} of ${sample.length} texts.`,
    '',
    '| | cases | top-1 (6-digit) | top-3 (6-digit) | top-1 (2-digit) | top-3 (2-digit) |',
    '|---|---|---|---|---|---|',
    ...halves.flatMap(([k, label]) => [row(`ours, ${label}`, tally.ours[k]), row(`seed (TF-IDF cosine), ${label}`, tally.seed[k])]),
    '',
    `Profiler: ${pct(selfTop10, withInterests.length)} of ${withInterests.length} occupations rank in their own top 10 given their own profile as integer 0-40 scores. One answer moved by one step changes on average ${(changed / Math.max(1, trials)).toFixed(2)} of the top 5 (${trials} random answer sets).`,
    '',
  ].join('\n');
  process.stdout.write(report);
  if (args.output) await writeFile(resolve(REPO_ROOT, String(args.output)), report);
  return 0;
}

runCli(main, [ConfigError, ModelArtifactError, OccupationDataError]);
