import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { ConfigError, loadConfig, REPO_ROOT } from '@jobportal/config';
import {
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
import { parseCliArgs, runCli } from './args';

const USAGE = `Usage:
  npm run eval:classifier [-- --output <file>] [--json]
Scores the trained classifier (MODEL_DIR) on the held-out O*NET titles it never saw, next to the
TF-IDF nearest-title baseline on the same titles, and writes the results into docs/classifier.md
(between its "eval:start" and "eval:end" markers).`;

const START = '<!-- eval:start (written by npm run eval:classifier; do not edit by hand) -->';
const END = '<!-- eval:end -->';
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

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

  const obvious = classifier.predict(OBVIOUS.map((o) => ({ title: o.title })), 1).map((c, i) => ({ ...OBVIOUS[i], c }));
  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, TensorFlow.js ${backend} backend`;
  const date = new Date().toISOString().slice(0, 10);

  if (args.json) {
    console.log(JSON.stringify({ date, machine, metadata, classifier: model, uncalibrated, baselines: { occupationTitles: baselineTitles, allTrainingTitles: baselineAll } }, null, 2));
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
      ].join('\n'),
    );
  }
  return 0;
}

runCli(main, [ConfigError, ModelArtifactError, OccupationDataError]);
