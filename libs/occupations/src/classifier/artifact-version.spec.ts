import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ARTIFACT_FORMAT, ARTIFACT_FORMAT_VERSION, classifierDir, loadClassifier, ModelArtifactError } from './artifact';

describe('classifier artifact version', () => {
  it('refuses a v1 artifact (no label shares) with the message naming npm run train:classifier, so --if-missing retrains it', async () => {
    expect(ARTIFACT_FORMAT_VERSION).toBe(2);
    const dir = await mkdtemp(join(tmpdir(), 'classifier-v1-'));
    try {
      await mkdir(classifierDir(dir), { recursive: true });
      await writeFile(join(classifierDir(dir), 'model.json'), JSON.stringify({ format: ARTIFACT_FORMAT, formatVersion: 1 }));
      await writeFile(join(classifierDir(dir), 'weights.bin'), Buffer.alloc(16));
      const load = loadClassifier(dir);
      await expect(load).rejects.toThrow(ModelArtifactError);
      await expect(loadClassifier(dir)).rejects.toThrow(/not a jobportal-occupation-classifier v2 artifact.*npm run train:classifier/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
