import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, REPO_ROOT } from '@jobportal/config';
import { join } from 'node:path';
import { SAMPLE_SOURCES, SOURCE_ADAPTERS, isRejectedRow } from '@jobportal/postings';
import {
  blendGrid,
  DEFAULT_ENSEMBLE,
  dictionaryAlone,
  normalizeTitle,
  readLabelledPostings,
  reliabilityChart,
  thresholdForPrecision,
  thresholdReport,
  TitleIndex,
  topOne,
  type ClassifyItem,
  type LabelledItem,
  type TopOne,
  buildTrainingSet,
  evaluateClassifier,
  evaluateTfidfBaseline,
  initTensorflow,
  loadClassifier,
  loadOccupationCores,
  ModelArtifactError,
  OccupationClassifier,
  OccupationDataError,
  splitFingerprint,
  type EvaluationMetrics,
} from '@jobportal/occupations';
import { readStoredCorrections } from '../ingest/human-codes';
import { parseCliArgs, runCli } from './args';

const USAGE = `Usage:
  npm run eval:classifier [-- --output <file>] [--json]
Scores the trained classifier (MODEL_DIR) on the held-out O*NET titles it never saw, next to the
TF-IDF nearest-title baseline on the same titles, and writes the results into docs/classifier.md
(between its "eval:start" and "eval:end" markers).`;

const START = '<!-- eval:start (written by npm run eval:classifier; do not edit by hand) -->';
const END = '<!-- eval:end -->';
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
/** Codes at or above the review threshold must be right (6-digit) this often on held-out titles. */
const PRECISION_TARGET = 0.85;

/** Titles whose major group is not in doubt, shown in the report as a sanity check. */
const OBVIOUS = [
  { title: 'Registered Nurse', major: '29' },
  { title: 'CDL-A Truck Driver', major: '53' },
  { title: 'Line Cook', major: '35' },
  { title: 'Software Engineer', major: '15' },
  { title: 'Elementary School Teacher', major: '25' },
  { title: 'Forklift Operator', major: '53' },
  { title: 'Staff Accountant', major: '13' },
  { title: 'Retail Sales Associate', major: '41' },
  { title: 'Sr. Data Scientist - Remote', major: '15' },
  { title: 'Electrician Apprentice', major: '47' },
  { title: 'asdf qwerty', major: null },
  { title: '', major: null },
];

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2), { output: 'string', json: 'boolean' }, USAGE);
  if (typeof args === 'number') return args;
  const config = loadConfig();
  const backend = await initTensorflow();
  const { classifier, metadata } = await loadClassifier(config.models.dir);
  const catalog = await loadOccupationCores(config.data.dir);
  const set = buildTrainingSet(catalog.occupations.values(), metadata.split);
  if (splitFingerprint(set) !== metadata.split.fingerprint) {
    console.error(
      'The held-out split rebuilt from DATA_DIR differs from the one the model was trained with (other O*NET tables or code). ' +
        'Retrain with `npm run train:classifier` so evaluation is on titles the model never saw.',
    );
    return 1;
  }

  console.error(`[eval] ${set.evaluation.length} held-out titles; scoring the classifier and the baselines`);
  const model = evaluateClassifier(classifier, set.evaluation);
  // Throughput of what callers use (predict, top 5), apart from the metric bookkeeping above.
  const started = Date.now();
  classifier.predict(set.evaluation, 5);
  const seconds = (Date.now() - started) / 1000;
  const uncalibrated = evaluateClassifier(new OccupationClassifier(classifier.model, { ...classifier.settings, temperature: 1 }), set.evaluation);
  const baselineTitles = evaluateTfidfBaseline(set, 'occupation-titles');
  const baselineAll = evaluateTfidfBaseline(set, 'all-training-titles');

  // The ensemble. On held-out titles the dictionary holds the training rows only, so a held-out
  // title can never be found in it; weights and threshold are chosen on the calibration split.
  const toItems = (examples: typeof set.evaluation): LabelledItem[] => examples.map((e) => ({ title: e.title, soc: set.labels[e.label].socCode }));
  const calItems = toItems(set.calibration);
  const evalItems = toItems(set.evaluation);
  const trainIndex = TitleIndex.fromExamples(set.train);
  console.error(`[eval] title dictionary from training rows: ${trainIndex.size.toLocaleString('en-US')} keys; blend grid on ${calItems.length} calibration titles`);
  const grid = blendGrid(classifier, trainIndex, calItems);
  const weights = { exactWeight: grid[0].exactWeight, partialWeight: grid[0].partialWeight };
  const threshold = thresholdForPrecision(classifier.withTitleIndex(trainIndex, { ...weights, threshold: 0 }).predict(calItems, 1), calItems, PRECISION_TARGET);
  const chosen = { ...weights, threshold: Number(threshold.toFixed(3)) };
  if (chosen.exactWeight !== DEFAULT_ENSEMBLE.exactWeight || chosen.partialWeight !== DEFAULT_ENSEMBLE.partialWeight || Math.abs(chosen.threshold - DEFAULT_ENSEMBLE.threshold) > 0.01) {
    console.error(`[eval] NOTE: the calibration split chooses ${JSON.stringify(chosen)}; DEFAULT_ENSEMBLE (what production uses) is ${JSON.stringify(DEFAULT_ENSEMBLE)}. Update it in occupation-classifier.ts.`);
  }
  const heldEnsemble = classifier.withTitleIndex(trainIndex, chosen);
  const heldResults = heldEnsemble.predict(evalItems, 5);
  const held = {
    model: topOne(classifier.predict(evalItems, 1), evalItems),
    dictionary: dictionaryAlone(trainIndex, classifier.labels, evalItems),
    ensemble: topOne(heldResults, evalItems),
    thresholds: thresholdReport(heldResults, evalItems, chosen.threshold),
    modelAtOldThreshold: thresholdReport(classifier.predict(evalItems, 1), evalItems, classifier.settings.threshold),
  };

  // Real posting titles, labelled by hand: here the dictionary is every O*NET title (production).
  const prodIndex = TitleIndex.fromOccupations(catalog.occupations.values(), classifier.labels);
  const labelledPath = resolve(REPO_ROOT, 'libs/occupations/eval/labelled-postings.csv');
  const { labelled, unlabellable } = await readLabelledPostings(labelledPath, classifier.labels);
  const normalizedItems = labelled.map((l) => ({ ...l, title: normalizeTitle(l.title).key }));
  const prodEnsemble = classifier.withTitleIndex(prodIndex, chosen);
  const labelledResults = prodEnsemble.predict(labelled, 1);
  const real = {
    model: topOne(classifier.predict(labelled, 1), labelled),
    modelNormalized: topOne(classifier.predict(normalizedItems, 1), labelled),
    dictionary: dictionaryAlone(prodIndex, classifier.labels, labelled),
    ensemble: topOne(labelledResults, labelled),
    thresholds: thresholdReport(labelledResults, labelled, chosen.threshold),
    modelAtOldThreshold: thresholdReport(classifier.predict(labelled, 1), labelled, classifier.settings.threshold),
  };
  const bySource = [...new Set(labelled.map((l) => l.source))].map((source) => {
    const idx = labelled.map((_, i) => i).filter((i) => labelled[i].source === source);
    const items = idx.map((i) => labelled[i]);
    return { source, ...topOne(idx.map((i) => labelledResults[i]), items), model: topOne(classifier.predict(items, 1), items) };
  });

  // Analysts' corrections from the review queue (issue 13): the model's code against the human one,
  // on the posting titles people actually looked at. Postings flagged for review are the hard ones,
  // so this runs lower than the other sets; once train:classifier has used them it runs higher.
  const stored = await readStoredCorrections(config.database.url);
  const correctionItems: LabelledItem[] = (stored.corrections ?? []).map((c) => ({ title: c.title, soc: c.humanCode }));
  const corrected = correctionItems.length
    ? {
        model: topOne(classifier.predict(correctionItems, 1), correctionItems),
        ensemble: topOne(prodEnsemble.predict(correctionItems, 1), correctionItems),
        confirmed: stored.corrections!.filter((c) => c.action === 'confirm').length,
        inTraining: metadata.examples.corrections ?? 0,
      }
    : null;
  const correctedNote = stored.corrections ? `${stored.corrections.length} corrected postings` : `no corrected postings (${stored.reason})`;

  // The sample postings as ingest codes them (title, description, employer): share flagged before and after.
  const samples: ClassifyItem[] = [];
  for (const name of SAMPLE_SOURCES) {
    const adapter = SOURCE_ADAPTERS[name];
    for await (const row of adapter.read(join(config.data.dir, adapter.samplePath), { warn: () => undefined })) {
      if (!isRejectedRow(row)) samples.push({ title: row.title ?? '', description: row.description ?? null, employer: row.company ?? null });
    }
  }
  const flaggedShare = (c: OccupationClassifier) => c.predict(samples, 1).filter((r) => r.needsReview).length;
  const samplesFlagged = { count: samples.length, before: flaggedShare(classifier), after: flaggedShare(prodEnsemble) };

  const obvious = classifier.predict(OBVIOUS.map((o) => ({ title: o.title })), 1).map((c, i) => ({ ...OBVIOUS[i], c }));
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, TensorFlow.js ${backend} backend`;
  const date = new Date().toISOString().slice(0, 10);

  if (args.json) {
    console.log(
      JSON.stringify(
        { date, machine, metadata, classifier: model, uncalibrated, baselines: { occupationTitles: baselineTitles, allTrainingTitles: baselineAll }, ensemble: { chosen, grid, held, real, bySource, samplesFlagged }, corrected },
        null,
        2,
      ),
    );
  }

  const row = (name: string, m: EvaluationMetrics) => `| ${name} | ${pct(m.top1Soc)} | ${pct(m.top5Soc)} | ${pct(m.top1Major)} | ${pct(m.top5Major)} |`;
  const conf = model.confidence!;
  const h = metadata.hyperparameters;
  const section = [
    START,
    `Measured ${date} with \`npm run eval:classifier\` on ${machine}.`,
    '',
    `Model: trained ${metadata.trainedAt.slice(0, 16).replace('T', ' ')} UTC by \`npm run train:classifier\` in ${(metadata.trainingSeconds / 60).toFixed(1)} min ` +
      `(${metadata.backend} backend), seed ${metadata.seed}, ${metadata.onetVersion}; ${h.epochs} epochs, batch ${h.batchSize}, learning rate ${h.learningRate}, ` +
      `${h.buckets.toLocaleString('en-US')} hashed buckets x ${h.dim} dimensions x 3 bags; ${metadata.examples.train.toLocaleString('en-US')} training examples; ` +
      `calibration temperature ${classifier.settings.temperature.toFixed(3)} fitted on ${metadata.examples.calibration.toLocaleString('en-US')} other held-out titles.`,
    '',
    `### Held-out titles (${model.count.toLocaleString('en-US')} O*NET alternate titles the model never saw, ~10% of each occupation's)`,
    '',
    '| coder | top-1 6-digit | top-5 6-digit | top-1 2-digit | top-5 2-digit |',
    '| --- | --- | --- | --- | --- |',
    row('**classifier** (this model)', model),
    row('baseline: TF-IDF nearest title over the 1,016 O*NET occupation titles (seed-style)', baselineTitles),
    row('baseline: TF-IDF nearest title over all training titles (alternate, reported, official)', baselineAll),
    '',
    `\`predict\` (top 5) over the ${model.count.toLocaleString('en-US')} titles took ${seconds.toFixed(2)} s including featurization ` +
      `(${Math.round(model.count / seconds).toLocaleString('en-US')} titles/s, one process, batches of 1,024; a benchmark belongs in bench/).`,
    '',
    `### Confidence threshold ${conf.threshold}`,
    '',
    `${pct(conf.shareAbove)} of held-out titles get a top SOC code with calibrated probability >= ${conf.threshold}; ` +
      `of those, ${pct(conf.top1SocAbove)} are right at 6 digits and ${pct(conf.top1MajorAbove)} at 2 digits. ` +
      `The others are flagged \`needsReview\`.`,
    '',
    `### Calibration of the top-1 (6-digit) probability`,
    '',
    `Expected calibration error: ${conf.ece.toFixed(3)} after temperature scaling (${uncalibrated.confidence!.ece.toFixed(3)} before).`,
    '',
    '| confidence | titles | mean confidence | accuracy |',
    '| --- | --- | --- | --- |',
    ...conf.bins.map((b) => `| ${b.from.toFixed(1)}-${b.to.toFixed(1)} | ${b.count} | ${b.count ? b.meanConfidence.toFixed(3) : '-'} | ${b.count ? pct(b.accuracy) : '-'} |`),
    '',
    ...ensembleSection(),
    '### Obvious titles',
    '',
    '| title | top SOC code | probability | flagged |',
    '| --- | --- | --- | --- |',
    ...obvious.map(({ title, major, c }) => {
      const top = c.soc[0];
      const mark = major === null ? '' : top?.major === major ? ' (right major group)' : ` (WRONG: expected major ${major})`;
      return `| ${title ? `"${title}"` : '(empty)'} | ${top ? `${top.code} ${top.title}${mark}` : '-'} | ${top ? top.probability.toFixed(2) : '-'} | ${c.needsReview ? c.reason : 'no'} |`;
    }),
    END,
  ].join('\n');

  function ensembleSection(): string[] {
    const r1 = (name: string, m: TopOne, extra = '') => `| ${name} | ${pct(m.top1Soc)} | ${pct(m.top1Major)} |${extra}`;
    const t = held.thresholds;
    const rt = real.thresholds;
    return [
      '### Ensemble: classifier + O*NET title dictionary',
      '',
      `Blend weights chosen on the ${calItems.length.toLocaleString('en-US')} calibration titles (grid below): exact match ${chosen.exactWeight}, partial match ${chosen.partialWeight} x coverage; ` +
        `review threshold ${chosen.threshold} (the lowest at which codes at or above it were right >= ${pct(PRECISION_TARGET)} of the time on the calibration split).`,
      '',
      `Held-out titles (${evalItems.length.toLocaleString('en-US')}); the dictionary is built from the training rows only (${trainIndex.size.toLocaleString('en-US')} keys), so no held-out title is in it:`,
      '',
      '| coder | top-1 6-digit | top-1 2-digit |',
      '| --- | --- | --- |',
      r1('classifier alone', held.model),
      r1(`dictionary alone (found ${pct(held.dictionary.found / held.dictionary.count)} of titles; not found = wrong)`, held.dictionary),
      r1('**ensemble**', held.ensemble),
      '',
      `Hand-labelled real posting titles (${labelled.length} labelled of ${labelled.length + unlabellable.length} sampled; ${unlabellable.length} unlabellable, left out; \`libs/occupations/eval/labelled-postings.csv\`); the dictionary is every O*NET title (${prodIndex.size.toLocaleString('en-US')} keys), as in production:`,
      '',
      '| coder | top-1 6-digit | top-1 2-digit |',
      '| --- | --- | --- |',
      r1('classifier alone, raw title (before this issue)', real.model),
      r1('classifier alone, normalized title', real.modelNormalized),
      r1(`dictionary alone (found ${pct(real.dictionary.found / real.dictionary.count)}; not found = wrong)`, real.dictionary),
      r1('**ensemble** (raw title to the classifier, normalized title to the dictionary)', real.ensemble),
      '',
      ...(corrected
        ? [
            `Corrected postings from the review queue (${corrected.model.count}: ${corrected.confirmed} confirmed, ${corrected.model.count - corrected.confirmed} corrected; the analyst's code is the truth; ` +
              `${corrected.inTraining} of them were training titles of this model):`,
            '',
            '| coder | top-1 6-digit | top-1 2-digit |',
            '| --- | --- | --- |',
            r1('classifier alone, corrected postings', corrected.model),
            r1('**ensemble**, corrected postings', corrected.ensemble),
            '',
          ]
        : [`Corrected postings from the review queue: ${correctedNote}.`, '']),
      '| source | titles | classifier alone 6 / 2-digit | ensemble 6 / 2-digit |',
      '| --- | --- | --- | --- |',
      ...bySource.map((b) => `| ${b.source} | ${b.count} | ${pct(b.model.top1Soc)} / ${pct(b.model.top1Major)} | ${pct(b.top1Soc)} / ${pct(b.top1Major)} |`),
      '',
      '#### Review threshold',
      '',
      '| set | threshold | share at or above | right (6-digit) among them | right (2-digit) | share flagged (any reason) |',
      '| --- | --- | --- | --- | --- | --- |',
      `| held-out titles, classifier alone (before) | ${classifier.settings.threshold} | ${pct(held.modelAtOldThreshold.shareAbove)} | ${pct(held.modelAtOldThreshold.precisionAbove)} | ${pct(held.modelAtOldThreshold.precisionAboveMajor)} | - |`,
      `| held-out titles, ensemble | ${chosen.threshold} | ${pct(t.shareAbove)} | ${pct(t.precisionAbove)} | ${pct(t.precisionAboveMajor)} | ${pct(t.shareFlagged)} |`,
      `| hand-labelled postings, classifier alone (before) | ${classifier.settings.threshold} | ${pct(real.modelAtOldThreshold.shareAbove)} | ${pct(real.modelAtOldThreshold.precisionAbove)} | ${pct(real.modelAtOldThreshold.precisionAboveMajor)} | - |`,
      `| hand-labelled postings, ensemble | ${chosen.threshold} | ${pct(rt.shareAbove)} | ${pct(rt.precisionAbove)} | ${pct(rt.precisionAboveMajor)} | ${pct(rt.shareFlagged)} |`,
      '',
      `Sample postings (${samplesFlagged.count.toLocaleString('en-US')}, title + description + employer, as ingest codes them): flagged ${samplesFlagged.before.toLocaleString('en-US')} ` +
        `(${pct(samplesFlagged.before / samplesFlagged.count)}) by the classifier alone at ${classifier.settings.threshold}, ` +
        `${samplesFlagged.after.toLocaleString('en-US')} (${pct(samplesFlagged.after / samplesFlagged.count)}) by the ensemble at ${chosen.threshold}.`,
      '',
      '#### Reliability of the ensemble\'s top-1 (6-digit) confidence, held-out titles',
      '',
      `Expected calibration error ${t.ece.toFixed(3)}.`,
      '',
      '| confidence | titles | mean confidence | accuracy |',
      '| --- | --- | --- | --- |',
      ...t.bins.map((b) => `| ${b.from.toFixed(1)}-${b.to.toFixed(1)} | ${b.count} | ${b.count ? b.meanConfidence.toFixed(3) : '-'} | ${b.count ? pct(b.accuracy) : '-'} |`),
      '',
      '```text',
      reliabilityChart(t.bins),
      '```',
      '',
      '#### Blend grid (calibration split, top-1 6-digit / 2-digit)',
      '',
      '| exact weight | partial weight | top-1 6-digit | top-1 2-digit |',
      '| --- | --- | --- | --- |',
      ...grid.slice(0, 8).map((g) => `| ${g.exactWeight} | ${g.partialWeight} | ${pct(g.top1Soc)} | ${pct(g.top1Major)} |`),
      '',
    ];
  }

  const out = resolve(REPO_ROOT, typeof args.output === 'string' ? args.output : 'docs/classifier.md');
  let doc: string;
  try {
    doc = await readFile(out, 'utf8');
  } catch {
    doc = `# Occupation classifier\n\n## Results\n\n${START}\n${END}\n`;
  }
  const s = doc.indexOf(START);
  const e = doc.indexOf(END);
  doc = s >= 0 && e > s ? `${doc.slice(0, s)}${section}${doc.slice(e + END.length)}` : `${doc.trimEnd()}\n\n## Results\n\n${section}\n`;
  await writeFile(out, doc);
  console.error(`[eval] written to ${out}`);
  if (!args.json) {
    console.log(
      [
        `Held-out titles: ${model.count}`,
        `classifier        top-1 ${pct(model.top1Soc)} top-5 ${pct(model.top5Soc)} (6-digit); top-1 ${pct(model.top1Major)} top-5 ${pct(model.top5Major)} (2-digit)`,
        `baseline (titles) top-1 ${pct(baselineTitles.top1Soc)} top-5 ${pct(baselineTitles.top5Soc)} (6-digit); top-1 ${pct(baselineTitles.top1Major)} top-5 ${pct(baselineTitles.top5Major)} (2-digit)`,
        `baseline (all)    top-1 ${pct(baselineAll.top1Soc)} top-5 ${pct(baselineAll.top5Soc)} (6-digit); top-1 ${pct(baselineAll.top1Major)} top-5 ${pct(baselineAll.top5Major)} (2-digit)`,
        `confidence >= ${conf.threshold}: ${pct(conf.shareAbove)} of titles, ${pct(conf.top1SocAbove)} right (6-digit); ECE ${conf.ece.toFixed(3)}`,
        `ensemble ${JSON.stringify(chosen)}: held-out top-1 ${pct(held.ensemble.top1Soc)} / ${pct(held.ensemble.top1Major)}; hand-labelled ${pct(real.model.top1Soc)} / ${pct(real.model.top1Major)} -> ${pct(real.ensemble.top1Soc)} / ${pct(real.ensemble.top1Major)}`,
        corrected
          ? `corrected postings (${corrected.model.count}): classifier ${pct(corrected.model.top1Soc)} / ${pct(corrected.model.top1Major)}, ensemble ${pct(corrected.ensemble.top1Soc)} / ${pct(corrected.ensemble.top1Major)} (6 / 2-digit)`
          : `corrected postings: ${correctedNote}`,
        `threshold ${chosen.threshold}: held-out ${pct(held.thresholds.shareAbove)} above, ${pct(held.thresholds.precisionAbove)} right; samples flagged ${samplesFlagged.before} -> ${samplesFlagged.after} of ${samplesFlagged.count}`,
      ].join('\n'),
    );
  }
  return 0;
}

runCli(main, [ConfigError, ModelArtifactError, OccupationDataError]);
