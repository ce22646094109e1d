import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { EvaluationMetrics } from './evaluate';
import type { SplitOptions } from './training-data';
import { EmbeddingBagModel, type ModelShape } from './model';
import { loadOccupationCores } from '../onet/load-occupations';
import { DEFAULT_ENSEMBLE, OccupationClassifier, type ClassifierSettings } from './occupation-classifier';
import { TitleIndex } from './title-index';
import { catalogAlternateTitlePrior, openingsPrior } from './class-prior';
import { loadEmploymentProjections } from '../onet/bls';

export const ARTIFACT_FORMAT = 'jobportal-occupation-classifier';
/**
 * 2: head-word features (FeatureConfig.headWords) and the training label shares (labelShares).
 * A v1 model is refused, so `train:classifier --if-missing` retrains it instead of keeping it.
 */
export const ARTIFACT_FORMAT_VERSION = 2;
/** The artifact's folder under MODEL_DIR. */
export const CLASSIFIER_DIR_NAME = 'occupation-classifier';

/** What produced a model and how it scored; stored with it and printed by eval. */
export interface TrainingMetadata {
  seed: number;
  trainedAt: string;
  /** e.g. "O*NET 29.3 Database (May 2025 Release)". */
  onetVersion: string;
  backend: string;
  trainingSeconds: number;
  /** `corrections`: analysts' titles among the training examples (each counted once), when any were given. */
  examples: { train: number; calibration: number; evaluation: number; corrections?: number };
  /** How the held-out titles were chosen; eval rebuilds the split from these and checks the fingerprint. */
  split: SplitOptions & { trainShare: number; fingerprint: string };
  hyperparameters: { dim: number; buckets: number; epochs: number; batchSize: number; learningRate: number; featureDropout: number };
  losses: number[];
  /** Held-out evaluation at training time (the eval command recomputes it). */
  evaluation?: EvaluationMetrics;
}

export class ModelArtifactError extends Error {
  override readonly name = 'ModelArtifactError';
}

interface ModelJson {
  format: string;
  formatVersion: number;
  modelTopology: { shape: ModelShape };
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
  settings: ClassifierSettings;
  metadata: TrainingMetadata;
}

export function classifierDir(modelDir: string): string {
  return resolve(modelDir, CLASSIFIER_DIR_NAME);
}

/**
 * Writes model.json (shape, settings, metadata, weight manifest) and weights.bin through a
 * tf.io save handler: the tfjs way to save without tfjs-node's file:// handler. Files are written
 * under temporary names and renamed, so a reader never sees half a model.
 */
export async function saveClassifier(classifier: OccupationClassifier, modelDir: string, metadata: TrainingMetadata): Promise<string> {
  const dir = classifierDir(modelDir);
  await mkdir(dir, { recursive: true });
  const { model, settings } = classifier;
  const embedding = tf.tensor2d(model.table, [model.shape.buckets, model.shape.dim]);
  try {
    const { data, specs } = await tf.io.encodeWeights({ embedding, kernel: model.kernel, bias: model.bias });
    const handler = tf.io.withSaveHandler(async (artifacts) => {
      const json: ModelJson = {
        format: ARTIFACT_FORMAT,
        formatVersion: ARTIFACT_FORMAT_VERSION,
        modelTopology: artifacts.modelTopology as ModelJson['modelTopology'],
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs ?? [] }],
        settings,
        metadata,
      };
      const weights = Buffer.from(artifacts.weightData as ArrayBuffer);
      await writeFile(join(dir, 'weights.bin.tmp'), weights);
      await writeFile(join(dir, 'model.json.tmp'), JSON.stringify(json));
      await rename(join(dir, 'weights.bin.tmp'), join(dir, 'weights.bin'));
      await rename(join(dir, 'model.json.tmp'), join(dir, 'model.json'));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
    });
    await handler.save!({ modelTopology: { shape: model.shape }, weightSpecs: specs, weightData: data });
  } finally {
    embedding.dispose();
  }
  return dir;
}

const TRAIN_HINT = 'Run `npm run train:classifier` to train it (a few minutes on 2 cores), or set MODEL_DIR to the folder that holds it.';

export interface LoadClassifierOptions {
  /**
   * DATA_DIR: when given, the O*NET titles there (official, alternate, short, reported) become the
   * in-memory title dictionary blended with the model (DEFAULT_ENSEMBLE). Without it, the model alone.
   */
  dataDir?: string;
}

/** Loads the artifact; a missing or unreadable one is a ModelArtifactError naming `npm run train:classifier`. */
export async function loadClassifier(modelDir: string, options: LoadClassifierOptions = {}): Promise<{ classifier: OccupationClassifier; metadata: TrainingMetadata }> {
  const loaded = await loadModelOnly(modelDir);
  if (!options.dataDir) return loaded;
  const catalog = await loadOccupationCores(options.dataDir);
  const labels = loaded.classifier.labels;
  const index = TitleIndex.fromOccupations(catalog.occupations.values(), labels);
  const prior =
    DEFAULT_ENSEMBLE.priorExponent === 0
      ? null
      : DEFAULT_ENSEMBLE.prior === 'openings'
        ? openingsPrior(catalog.occupations.values(), labels, await loadEmploymentProjections(options.dataDir))
        : catalogAlternateTitlePrior(catalog.occupations.values(), labels);
  return { ...loaded, classifier: loaded.classifier.withTitleIndex(index, DEFAULT_ENSEMBLE, prior) };
}

async function loadModelOnly(modelDir: string): Promise<{ classifier: OccupationClassifier; metadata: TrainingMetadata }> {
  const dir = classifierDir(modelDir);
  let json: ModelJson;
  let weights: Buffer;
  try {
    json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as ModelJson;
    weights = await readFile(join(dir, 'weights.bin'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ModelArtifactError(
      code === 'ENOENT'
        ? `No occupation classifier model in ${dir}. ${TRAIN_HINT}`
        : `The occupation classifier model in ${dir} cannot be read (${(err as Error).message}). ${TRAIN_HINT}`,
    );
  }
  if (json.format !== ARTIFACT_FORMAT || json.formatVersion !== ARTIFACT_FORMAT_VERSION) {
    throw new ModelArtifactError(`${dir}/model.json is not a ${ARTIFACT_FORMAT} v${ARTIFACT_FORMAT_VERSION} artifact. ${TRAIN_HINT}`);
  }
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength) as ArrayBuffer;
  const artifacts = await tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: specs, weightData }).load!();
  const tensors = tf.io.decodeWeights(artifacts.weightData as ArrayBuffer, artifacts.weightSpecs ?? []);
  try {
    const read = (name: string) => {
      const t = tensors[name];
      if (!t) throw new ModelArtifactError(`${dir}/weights.bin lacks the weight "${name}". ${TRAIN_HINT}`);
      return t.dataSync() as Float32Array;
    };
    const model = EmbeddingBagModel.fromWeights(json.modelTopology.shape, { embedding: read('embedding'), kernel: read('kernel'), bias: read('bias') });
    return { classifier: new OccupationClassifier(model, json.settings), metadata: json.metadata };
  } catch (err) {
    if (err instanceof ModelArtifactError) throw err;
    throw new ModelArtifactError(`The occupation classifier model in ${dir} does not match its manifest (${(err as Error).message}). ${TRAIN_HINT}`);
  } finally {
    Object.values(tensors).forEach((t) => t.dispose());
  }
}
