import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '@jobportal/config';
import type { ClassifyRequest, ClassifyResponse } from '@jobportal/contracts';
import { classifierDir, initTensorflow, loadClassifier, ModelArtifactError, type OccupationClassifier, type TrainingMetadata } from '@jobportal/occupations';
import { ApiError } from '../common/error-envelope.filter';
import { APP_CONFIG } from '../config/config.module';

const TOP_CODES = 5;

interface LoadedModel {
  classifier: OccupationClassifier;
  version: string;
}

export function modelVersion(metadata: TrainingMetadata): string {
  return `${metadata.trainedAt}/seed-${metadata.seed}`;
}

@Injectable()
export class ClassifyService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Classify');
  private loading: Promise<LoadedModel> | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Tells the operator at start-up, not at the first request, that classification will answer 503. */
  onApplicationBootstrap() {
    if (!existsSync(join(classifierDir(this.config.models.dir), 'model.json'))) {
      this.logger.warn(`No occupation classifier in ${classifierDir(this.config.models.dir)}: POST /api/classify answers 503 until \`npm run train:classifier\` has run.`);
    }
  }

  /**
   * The model loads on first use and is kept. A failed load is forgotten, so a model trained
   * while the server runs is picked up by the next request without a restart.
   */
  private model(): Promise<LoadedModel> {
    if (!this.loading) {
      const loading = (async () => {
        await initTensorflow();
        const { classifier, metadata } = await loadClassifier(this.config.models.dir, { dataDir: this.config.data.dir });
        return { classifier, version: modelVersion(metadata) };
      })();
      loading.catch(() => {
        if (this.loading === loading) this.loading = null;
      });
      this.loading = loading;
    }
    return this.loading;
  }

  /** The loaded classifier, for features that read titles (careers); null while no model is trained. */
  async loadedClassifier(): Promise<OccupationClassifier | null> {
    try {
      return (await this.model()).classifier;
    } catch (err) {
      if (err instanceof ModelArtifactError) return null;
      throw err;
    }
  }

  async classify(request: ClassifyRequest): Promise<ClassifyResponse> {
    let model: LoadedModel;
    try {
      model = await this.model();
    } catch (err) {
      if (err instanceof ModelArtifactError) throw new ApiError(503, 'model_unavailable', err.message);
      throw err;
    }
    const classifications = model.classifier.predict(
      request.items.map((item) => ({ title: item.title, description: item.description ?? null })),
      TOP_CODES,
    );
    return {
      modelVersion: model.version,
      results: classifications.map((c) => ({
        codes: c.soc.map((s) => ({ code: s.code, title: s.title, probability: Math.round(s.probability * 10_000) / 10_000 })),
        onetCode: c.predictions[0]?.onetCode ?? null,
        confidence: Math.round(c.confidence * 10_000) / 10_000,
        needsReview: c.needsReview,
        reason: c.reason,
      })),
    };
  }
}
