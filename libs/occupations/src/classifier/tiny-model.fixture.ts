import { DEFAULT_FEATURE_CONFIG } from './featurize';
import { EmbeddingBagModel } from './model';
import { initTensorflow } from './tf-backend';
import type { OccupationLabel } from './training-data';

/** Three labels of three major groups, for specs that need a classifier but no trained one. */
export const TINY_LABELS: OccupationLabel[] = ['11-1011', '13-2011', '15-1252'].map((code) => ({
  onetCode: `${code}.00`,
  socCode: code,
  title: code,
  socTitle: code,
  major: code.slice(0, 2),
  majorTitle: code.slice(0, 2),
}));

/** An untrained model over TINY_LABELS (close to uniform), seeded so its answers repeat. */
export async function createTinyModel(): Promise<EmbeddingBagModel> {
  await initTensorflow();
  return EmbeddingBagModel.create({ buckets: DEFAULT_FEATURE_CONFIG.buckets, dim: 4, classes: TINY_LABELS.length }, 7);
}
