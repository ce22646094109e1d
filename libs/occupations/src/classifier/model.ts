import * as tf from '@tensorflow/tfjs';
import { BAGS, type Features } from './featurize';
import type { Rng } from './rng';

/**
 * fastText-style classifier: the mean embeddings of three bags of hashed features (title words,
 * title character n-grams, description words; see featurize.ts), concatenated, then one softmax
 * layer over the occupations.
 *
 * The bags are summed in plain JS over a Float32Array table, and everything after them (the
 * softmax layer, the loss, autodiff, Adam) is TensorFlow.js. Measured on wasm, 2 cores, batch
 * 256, table 2^18 x 64 (see docs/classifier.md): the whole model in tf ops with a registered
 * scatter-add kernel for the gradient of `gather` took ~530 ms a step (every step rewrites the
 * whole table and both Adam moments); tf ops on just the rows a batch uses ~250 ms (tfjs's
 * gradient of UnsortedSegmentSum runs a broadcast LogicalAnd and two GatherV2, all slow on wasm);
 * the JS bags ~44 ms. The JS part is plain arithmetic, so the model stays backend-neutral.
 */
export interface ModelShape {
  buckets: number;
  dim: number;
  classes: number;
}

/** A batch as flat ids: bag b of example i is segment b * size + i. */
export interface PackedBatch {
  size: number;
  ids: Int32Array;
  segments: Int32Array;
  /** 1 / bag length, so a bag's sum is its mean. */
  scale: Float32Array;
}

export function packBatch(items: readonly Features[], dropout?: { rate: number; rng: Rng }): PackedBatch {
  const size = items.length;
  let nnz = 0;
  for (const f of items) for (const bag of f) nnz += bag.length;
  const ids = new Int32Array(nnz);
  const segments = new Int32Array(nnz);
  const scale = new Float32Array(nnz);
  let k = 0;
  const put = (bag: Int32Array, segment: number) => {
    const start = k;
    for (let j = 0; j < bag.length; j++) {
      // Feature dropout (training only): a title must be recognized from part of its n-grams.
      if (dropout && bag.length > 1 && dropout.rng.next() < dropout.rate) continue;
      ids[k] = bag[j];
      segments[k] = segment;
      k++;
    }
    const s = 1 / (k - start);
    for (let j = start; j < k; j++) scale[j] = s;
  };
  items.forEach((f, i) => f.forEach((bag, b) => put(bag, b * size + i)));
  return { size, ids: ids.subarray(0, k), segments: segments.subarray(0, k), scale: scale.subarray(0, k) };
}

/**
 * matMul whose gradient uses explicit transposes: tfjs's wasm matMul is ~10x slower with its
 * transposeA/transposeB flags (which the built-in gradient uses) than on a transposed copy.
 */
let denseOp: ((a: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D) | null = null;
function dense(a: tf.Tensor2D, w: tf.Tensor2D): tf.Tensor2D {
  denseOp ??= tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const [x, k, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    save([x, k]);
    return {
      value: tf.matMul(x, k),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.matMul(dy as tf.Tensor2D, tf.transpose(saved[1] as tf.Tensor2D)),
        tf.matMul(tf.transpose(saved[0] as tf.Tensor2D), dy as tf.Tensor2D),
      ],
    };
  }) as unknown as (a: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;
  return denseOp(a, w);
}

/** Where segment `seg` (bag b of example i) starts in the [size, BAGS * dim] bag matrix. */
function bagOffset(seg: number, size: number, dim: number): number {
  const bag = (seg / size) | 0;
  return (seg - bag * size) * BAGS * dim + bag * dim;
}

export class EmbeddingBagModel {
  private constructor(
    readonly shape: ModelShape,
    /** The embedding table, row-major [buckets, dim]. */
    readonly table: Float32Array,
    readonly kernel: tf.Variable<tf.Rank.R2>,
    readonly bias: tf.Variable<tf.Rank.R1>,
  ) {}

  /** Seeded initial weights: uniform(±1/dim) embeddings (fastText's), Glorot-uniform softmax kernel, zero bias. */
  static create(shape: ModelShape, seed: number): EmbeddingBagModel {
    const { buckets, dim, classes } = shape;
    const limit = Math.sqrt(6 / (BAGS * dim + classes));
    const init = tf.randomUniform([buckets, dim], -1 / dim, 1 / dim, 'float32', seed);
    const table = init.dataSync() as Float32Array;
    init.dispose();
    return new EmbeddingBagModel(
      shape,
      table,
      tf.variable(tf.randomUniform([BAGS * dim, classes], -limit, limit, 'float32', seed + 1), true),
      tf.variable(tf.zeros([classes]), true),
    );
  }

  static fromWeights(shape: ModelShape, weights: { embedding: Float32Array; kernel: Float32Array; bias: Float32Array }): EmbeddingBagModel {
    const check = (values: Float32Array, size: number, name: string) => {
      if (values.length !== size) throw new Error(`Model weight ${name} holds ${values.length} values, expected ${size}.`);
    };
    check(weights.embedding, shape.buckets * shape.dim, 'embedding');
    check(weights.kernel, BAGS * shape.dim * shape.classes, 'kernel');
    check(weights.bias, shape.classes, 'bias');
    return new EmbeddingBagModel(
      shape,
      weights.embedding,
      tf.variable(tf.tensor2d(weights.kernel, [BAGS * shape.dim, shape.classes]), true),
      tf.variable(tf.tensor1d(weights.bias), true),
    );
  }

  /** The bags of each example side by side: [size, BAGS * dim], row-major. */
  bags(batch: PackedBatch): Float32Array {
    const { dim } = this.shape;
    const out = new Float32Array(batch.size * BAGS * dim);
    const { ids, segments, scale } = batch;
    for (let k = 0; k < ids.length; k++) {
      const offset = bagOffset(segments[k], batch.size, dim);
      const row = ids[k] * dim;
      const s = scale[k];
      for (let j = 0; j < dim; j++) out[offset + j] += s * this.table[row + j];
    }
    return out;
  }

  /** Logits [size, classes]; call inside tf.tidy. */
  logits(bags: tf.Tensor2D): tf.Tensor2D {
    return tf.add(dense(bags, this.kernel), this.bias);
  }

  /** Logits as a flat Float32Array [size * classes]. */
  predictLogits(batch: PackedBatch): Float32Array {
    const bags = this.bags(batch);
    // Read outside tf.tidy: dataSync inside a tidy scope costs ~75 ms more per call on wasm (measured).
    const logits = tf.tidy(() => this.logits(tf.tensor2d(bags, [batch.size, BAGS * this.shape.dim])));
    try {
      return logits.dataSync() as Float32Array;
    } finally {
      logits.dispose();
    }
  }

  dispose(): void {
    this.kernel.dispose();
    this.bias.dispose();
  }
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** The learning rate falls linearly to this share of itself by the last step. */
  finalLearningRateShare: number;
  /** Share of feature ids dropped from each bag of each training example, drawn from `rng`. */
  featureDropout: number;
  rng: Rng;
  onEpochEnd?: (epoch: number, loss: number, seconds: number) => void;
  onBatchEnd?: (epoch: number, batch: number, batches: number) => void;
}

// A module-level alias: in Jest's sandbox a `Math.sqrt` lookup in this loop is far slower (see calibration.ts).
const { sqrt } = Math;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPSILON = 1e-7;

/**
 * Trains with Adam on the mean cross-entropy: tf's Adam for the softmax layer, a lazy ("sparse")
 * Adam for the embedding table that updates only the rows a batch uses, as TensorFlow's LazyAdam
 * does. The order of examples in each epoch comes from `epochOrder`, so a run depends on the
 * seed alone.
 */
export async function fit(
  model: EmbeddingBagModel,
  features: readonly Features[],
  labels: Int32Array,
  epochOrder: (epoch: number) => Int32Array,
  options: FitOptions,
): Promise<{ losses: number[] }> {
  const { batchSize, epochs } = options;
  const { dim, buckets, classes } = model.shape;
  const batches = Math.ceil(features.length / batchSize);
  const totalSteps = batches * epochs;
  const headOptimizer = tf.train.adam(options.learningRate, BETA1, BETA2, EPSILON);
  const table = model.table;
  const m = new Float32Array(table.length);
  const v = new Float32Array(table.length);
  /** Bucket -> row of the batch's gradient buffer, -1 when unused; reset after each batch. */
  const local = new Int32Array(buckets).fill(-1);
  const losses: number[] = [];
  let step = 0;
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const started = Date.now();
      const order = epochOrder(epoch);
      let lossSum = 0;
      for (let b = 0; b < batches; b++) {
        const idx = order.subarray(b * batchSize, Math.min((b + 1) * batchSize, order.length));
        const batch = packBatch(
          Array.from(idx, (i) => features[i]),
          options.featureDropout > 0 ? { rate: options.featureDropout, rng: options.rng } : undefined,
        );
        const y = Int32Array.from(idx, (i) => labels[i]);
        const lr = options.learningRate * (1 - (1 - options.finalLearningRateShare) * (step / Math.max(1, totalSteps - 1)));
        (headOptimizer as unknown as { learningRate: number }).learningRate = lr;

        const bagValues = model.bags(batch);
        const { loss, bagGrad } = tf.tidy(() => {
          const f = (bags: tf.Tensor, kernel: tf.Tensor, bias: tf.Tensor) => {
            const logits = tf.add(dense(bags as tf.Tensor2D, kernel as tf.Tensor2D), bias);
            return tf.losses.softmaxCrossEntropy(tf.oneHot(tf.tensor1d(y, 'int32'), classes), logits) as tf.Scalar;
          };
          const { value, grads } = tf.valueAndGrads(f)([tf.tensor2d(bagValues, [batch.size, BAGS * dim]), model.kernel, model.bias]);
          headOptimizer.applyGradients([
            { name: model.kernel.name, tensor: grads[1] },
            { name: model.bias.name, tensor: grads[2] },
          ]);
          return { loss: tf.keep(value), bagGrad: tf.keep(grads[0]) };
        });
        const dBags = bagGrad.dataSync() as Float32Array;
        lossSum += loss.dataSync()[0] * idx.length;
        loss.dispose();
        bagGrad.dispose();

        // Gradient of each used table row: the bag gradients it contributed to, times its scale.
        const used: number[] = [];
        for (let k = 0; k < batch.ids.length; k++) {
          const id = batch.ids[k];
          if (local[id] === -1) {
            local[id] = used.length;
            used.push(id);
          }
        }
        const rowGrad = new Float32Array(used.length * dim);
        for (let k = 0; k < batch.ids.length; k++) {
          const offset = bagOffset(batch.segments[k], batch.size, dim);
          const r = local[batch.ids[k]] * dim;
          const s = batch.scale[k];
          for (let j = 0; j < dim; j++) rowGrad[r + j] += s * dBags[offset + j];
        }

        step++;
        const stepSize = (lr * Math.sqrt(1 - BETA2 ** step)) / (1 - BETA1 ** step);
        for (let r = 0; r < used.length; r++) {
          const base = used[r] * dim;
          const gb = r * dim;
          for (let j = 0; j < dim; j++) {
            const g = rowGrad[gb + j];
            const mi = (m[base + j] = BETA1 * m[base + j] + (1 - BETA1) * g);
            const vi = (v[base + j] = BETA2 * v[base + j] + (1 - BETA2) * g * g);
            table[base + j] -= (stepSize * mi) / (sqrt(vi) + EPSILON);
          }
          local[used[r]] = -1;
        }
        options.onBatchEnd?.(epoch, b + 1, batches);
        // Let timers and signals run between batches.
        if (b % 50 === 49) await new Promise((r) => setImmediate(r));
      }
      const mean = lossSum / features.length;
      losses.push(mean);
      options.onEpochEnd?.(epoch + 1, mean, (Date.now() - started) / 1000);
    }
  } finally {
    headOptimizer.dispose();
  }
  return { losses };
}
