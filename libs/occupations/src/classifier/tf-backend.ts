import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'wasm' | 'cpu';

type TypedArray = Float32Array | Int32Array | Uint8Array;

/** The backends' own ways to read inputs and allocate an output without copying through tf. */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(t: tf.TensorInfo): TypedArray;
}
interface CpuBackend {
  data: { get(dataId: tf.DataId): { values: TypedArray } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: TypedArray): tf.TensorInfo;
}

/**
 * out[segmentIds[i], :] += x[i, :] in one pass over x. The gradient of `tf.gather` is an
 * UnsortedSegmentSum into the whole embedding table: tfjs 4.22 has no wasm kernel for it, and the
 * cpu kernel loops once per segment (once per table row: minutes per batch). This one is
 * O(rows of x) plus zeroing the output.
 */
function scatterAdd(x: TypedArray, segmentIds: TypedArray, numSegments: number, inner: number, out: TypedArray): void {
  out.fill(0);
  for (let i = 0; i < segmentIds.length; i++) {
    const s = segmentIds[i];
    if (s < 0 || s >= numSegments) continue;
    const o = s * inner;
    const xi = i * inner;
    for (let j = 0; j < inner; j++) out[o + j] += x[xi + j];
  }
}

function outputShape(x: tf.TensorInfo, segmentIds: tf.TensorInfo, numSegments: number): { shape: number[]; inner: number } {
  const rest = x.shape.slice(segmentIds.shape.length);
  return { shape: [numSegments, ...rest], inner: rest.reduce((a, b) => a * b, 1) };
}

let kernelsRegistered = new Set<string>();

function registerScatterAddKernel(backendName: BackendName): void {
  if (kernelsRegistered.has(backendName)) return;
  if (backendName === 'cpu' && tf.getKernel('UnsortedSegmentSum', 'cpu')) tf.unregisterKernel('UnsortedSegmentSum', 'cpu');
  if (tf.getKernel('UnsortedSegmentSum', backendName)) {
    kernelsRegistered.add(backendName);
    return;
  }
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, segmentIds } = inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
      const numSegments = (attrs as { numSegments: number }).numSegments;
      const { shape, inner } = outputShape(x, segmentIds, numSegments);
      if (backendName === 'wasm') {
        const b = backend as unknown as WasmBackend;
        // Allocate first: growing the wasm heap invalidates views taken before.
        const out = b.makeOutput(shape, x.dtype);
        scatterAdd(b.typedArrayFromHeap(x), b.typedArrayFromHeap(segmentIds), numSegments, inner, b.typedArrayFromHeap(out));
        return out;
      }
      const b = backend as unknown as CpuBackend;
      const values = x.dtype === 'int32' ? new Int32Array(numSegments * inner) : new Float32Array(numSegments * inner);
      scatterAdd(b.data.get(x.dataId).values, b.data.get(segmentIds.dataId).values, numSegments, inner, values);
      return b.makeTensorInfo(shape, x.dtype, values);
    },
  });
  kernelsRegistered.add(backendName);
}

/** For tests that switch backends within one process. */
export function resetKernelRegistrations(): void {
  kernelsRegistered = new Set();
}

let ready: Promise<BackendName> | null = null;

/**
 * Selects a TensorFlow.js backend once per process: wasm (its .wasm files load from the
 * installed package, never from a CDN), else cpu. A backend that already has a native
 * UnsortedSegmentSum (tfjs-node) is used as it is.
 */
export function initTensorflow(preferred: BackendName | 'auto' = 'auto'): Promise<BackendName> {
  ready ??= (async () => {
    const order: BackendName[] = preferred === 'cpu' ? ['cpu'] : ['wasm', 'cpu'];
    for (const name of order) {
      if (name === 'wasm') setWasmPaths(`${dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
      try {
        if (await tf.setBackend(name)) {
          await tf.ready();
          registerScatterAddKernel(name);
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
