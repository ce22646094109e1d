import { cpus } from 'node:os';
import { SingleBar } from 'cli-progress';
import { ConfigError, loadConfig } from '@jobportal/config';
import {
  buildTrainingSet,
  DEFAULT_SPLIT,
  DEFAULT_TRAIN_OPTIONS,
  initTensorflow,
  loadClassifier,
  loadOccupationCores,
  ModelArtifactError,
  OccupationDataError,
  saveClassifier,
  trainClassifier,
  type TrainProgress,
} from '@jobportal/occupations';
import { readStoredCorrections } from '../ingest/human-codes';
import { parseCliArgs, runCli, UsageError } from './args';

const USAGE = `Usage:
  npm run train:classifier [-- --seed N --epochs N --dim N]
Trains the occupation classifier on the O*NET tables in DATA_DIR and writes it to
MODEL_DIR/occupation-classifier (model.json + weights.bin). Defaults: seed ${DEFAULT_TRAIN_OPTIONS.seed}, ${DEFAULT_TRAIN_OPTIONS.epochs} epochs, dim ${DEFAULT_TRAIN_OPTIONS.dim}.
Analysts' corrections from the review queue (DATABASE_URL, table occupation_corrections) are
added to the training examples when the database is reachable; the output says how many.
Options: --backend wasm|cpu (default wasm), --json (print the result as JSON),
  --if-missing (keep a model that is already there and loads; what setup, the demo and CI use),
  --data-only (assemble the training data, print its counts and the corrections used, train nothing)`;

const positiveInt = (name: string, value: string | boolean | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got "${value}".`);
  return n;
};

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

async function main(): Promise<number> {
  const args = parseCliArgs(
    process.argv.slice(2),
    { seed: 'string', epochs: 'string', dim: 'string', backend: 'string', json: 'boolean', 'if-missing': 'boolean', 'data-only': 'boolean' },
    USAGE,
    (a) => {
      if (a.backend !== undefined && a.backend !== 'wasm' && a.backend !== 'cpu') throw new UsageError('--backend must be wasm or cpu.');
      // Checked here, so a bad number is a usage error (exit 2) rather than a crash.
      return {
        backend: a.backend,
        json: a.json === true,
        ifMissing: a['if-missing'] === true,
        dataOnly: a['data-only'] === true,
        seed: positiveInt('seed', a.seed, DEFAULT_TRAIN_OPTIONS.seed),
        epochs: positiveInt('epochs', a.epochs, DEFAULT_TRAIN_OPTIONS.epochs),
        dim: positiveInt('dim', a.dim, DEFAULT_TRAIN_OPTIONS.dim),
      };
    },
  );
  if (typeof args === 'number') return args;
  const { seed, epochs, dim } = args;
  const config = loadConfig();
  const backend = await initTensorflow(args.backend === 'cpu' ? 'cpu' : 'auto');
  console.error(`[train] TensorFlow.js backend ${backend}; ${cpus().length} CPU cores; data ${config.data.dir}`);
  if (args.ifMissing) {
    try {
      const { metadata } = await loadClassifier(config.models.dir);
      console.error(`[train] keeping the model in ${config.models.dir} (trained ${metadata.trainedAt}); run without --if-missing to retrain`);
      return 0;
    } catch (err) {
      if (!(err instanceof ModelArtifactError)) throw err;
      console.error(`[train] no usable model yet (${err.message.split('\n')[0]}); training one`);
    }
  }

  const catalog = await loadOccupationCores(config.data.dir);
  // Analysts' corrections (review queue) are training data; without the database, O*NET alone.
  const stored = await readStoredCorrections(config.database.url);
  const extraExamples = (stored.corrections ?? []).map((c) => ({ title: c.title, socCode: c.humanCode, onetCode: c.humanOnetCode }));
  console.error(
    stored.corrections
      ? `[train] ${stored.corrections.length} analyst corrections from the review queue (DATABASE_URL)`
      : `[train] no analyst corrections: ${stored.reason}; training on O*NET alone`,
  );
  const correctionsLine = (r: { given: number; used: number; heldOut: number; unknownCode: number } | undefined) =>
    !stored.corrections
      ? `Analyst corrections: none used (${stored.reason}).`
      : `Analyst corrections: ${r?.used ?? 0} of ${stored.corrections.length} used as training titles` +
        (r && (r.heldOut || r.unknownCode) ? ` (${r.heldOut} left out: the title is a held-out evaluation title; ${r.unknownCode} with a code the model has no class for)` : '') +
        '.';
  if (args.dataOnly) {
    const set = buildTrainingSet(catalog.occupations.values(), { ...DEFAULT_SPLIT, seed }, extraExamples);
    const summary = { labels: set.labels.length, train: set.train.length, calibration: set.calibration.length, evaluation: set.evaluation.length, corrections: set.extra ?? { given: 0, used: 0, heldOut: 0, unknownCode: 0 } };
    if (args.json) console.log(JSON.stringify(summary, null, 2));
    else console.log(`Training data (seed ${seed}): ${summary.labels} occupations, ${summary.train} training examples, ${summary.calibration} calibration and ${summary.evaluation} held-out titles.\n${correctionsLine(set.extra)}`);
    return 0;
  }
  const bar = process.stderr.isTTY
    ? new SingleBar({ format: '[train] epoch {epoch}/{epochs} {bar} {percentage}% | batch {value}/{total}', stream: process.stderr, hideCursor: true })
    : null;
  const onProgress = (e: TrainProgress) => {
    if (e.kind === 'data') {
      console.error(`[train] ${e.labels} occupations; ${e.train} training examples, ${e.calibration} calibration and ${e.evaluation} held-out titles (seed ${seed})`);
    } else if (e.kind === 'batch') {
      if (!bar) return;
      if (e.batch === 1) bar.start(e.batches, 0, { epoch: e.epoch, epochs });
      bar.update(e.batch, { epoch: e.epoch, epochs });
    } else if (e.kind === 'epoch') {
      bar?.stop();
      console.error(`[train] epoch ${e.epoch}/${e.epochs}: loss ${e.loss.toFixed(4)}, ${e.seconds.toFixed(1)} s`);
    } else {
      console.error(`[train] calibration temperature ${e.temperature.toFixed(3)}`);
    }
  };

  const { classifier, metadata, trainingSet } = await trainClassifier(catalog.occupations.values(), catalog.onetVersion, { seed, epochs, dim, onProgress, extraExamples });
  const dir = await saveClassifier(classifier, config.models.dir, metadata);
  const m = metadata.evaluation!;
  if (args.json) {
    console.log(JSON.stringify({ dir, metadata, corrections: trainingSet.extra ?? null }, null, 2));
  } else {
    console.log(
      [
        `Model written to ${dir}`,
        `Trained in ${(metadata.trainingSeconds / 60).toFixed(1)} min on ${backend} (${cpus().length} cores), seed ${seed}, ${metadata.onetVersion}.`,
        `Held-out titles (${m.count}): top-1 ${pct(m.top1Soc)} / top-5 ${pct(m.top5Soc)} at 6 digits, top-1 ${pct(m.top1Major)} / top-5 ${pct(m.top5Major)} at 2 digits.`,
        m.confidence
          ? `Confidence >= ${m.confidence.threshold}: ${pct(m.confidence.shareAbove)} of titles, ${pct(m.confidence.top1SocAbove)} right at 6 digits; ECE ${m.confidence.ece.toFixed(3)}.`
          : '',
        correctionsLine(trainingSet.extra),
        'Full report with the baseline: npm run eval:classifier',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  }
  return 0;
}

runCli(main, [ConfigError, OccupationDataError]);
