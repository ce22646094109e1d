import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'wasm' | 'cpu';

let ready: Promise<BackendName> | null = null;

/**
 * Selects a TensorFlow.js backend once per process: wasm (its .wasm files load from the
 * installed package, never from a CDN), else cpu, ~13x slower to train here. The model uses only
 * ops every backend has (see model.ts), so tfjs-node can replace both where it installs.
 */
export function initTensorflow(preferred: BackendName | 'auto' = 'auto'): Promise<BackendName> {
  ready ??= (async () => {
    const order: BackendName[] = preferred === 'cpu' ? ['cpu'] : ['wasm', 'cpu'];
    for (const name of order) {
      if (name === 'wasm') setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
      try {
        if (await tf.setBackend(name)) {
          await tf.ready();
          return name;
        }
      } catch {
        // fall through to the next backend
      }
    }
    throw new Error('No TensorFlow.js backend could start (tried wasm and cpu).');
  })();
  return ready;
}
