import type { PostingDocument, RawPosting, RejectedRow } from '@jobportal/contracts';
import { runImport, type NormalizeResult, type PostingSink } from './run-import';
import type { QuarantineWriter } from './quarantine';

function raw(id: string, title = `Job ${id}`): RawPosting {
  return { source: 'generated', sourceId: id, rowNumber: Number(id), title };
}

function normalize(r: RawPosting): NormalizeResult {
  if (!r.title) {
    return { ok: false, reject: { source: r.source, rowNumber: r.rowNumber, reason: 'missing_title', detail: 'no title', raw: r } };
  }
  return { ok: true, doc: { id: `doc-${r.sourceId}`, title: r.title } as PostingDocument };
}

function memoryQuarantine(): QuarantineWriter & { rows: RejectedRow[] } {
  const rows: RejectedRow[] = [];
  return { path: '/tmp/q.jsonl', rows, write: async (r) => void rows.push(r), close: async () => undefined };
}

async function* from<T>(items: T[]) {
  for (const i of items) yield i;
}

describe('runImport', () => {
  it('accounts for every row: new, duplicate, rejected by the adapter, the normalizer or the index', async () => {
    const batches: string[][] = [];
    const sink: PostingSink = {
      async write(docs) {
        batches.push(docs.map((d) => d.id));
        return {
          created: docs.filter((d) => d.id !== 'doc-4').length,
          updated: 0,
          unchanged: 0,
          failed: docs.filter((d) => d.id === 'doc-4').map((d) => ({ id: d.id, status: 400, reason: 'mapper_parsing_exception' })),
        };
      },
    };
    const adapterReject: RejectedRow = { source: 'generated', rowNumber: 3, reason: 'malformed_row', detail: 'bad json', raw: '{' };
    const quarantine = memoryQuarantine();
    const report = await runImport({
      source: 'generated',
      path: 'x.jsonl',
      rows: from<RawPosting | RejectedRow>([raw('1'), raw('2'), adapterReject, raw('4'), raw('1'), raw('6', ''), raw('7')]),
      normalize,
      sink,
      quarantine,
      batchSize: 2,
    });
    expect(report).toMatchObject({ read: 7, indexed: 3, duplicates: 1, rejected: 3, rejectedByReason: { malformed_row: 1, missing_title: 1, invalid_value: 1 } });
    expect(report.indexed + report.duplicates + report.rejected).toBe(report.read);
    expect(batches).toEqual([['doc-1', 'doc-2'], ['doc-4', 'doc-7']]);
    expect(quarantine.rows.map((r) => r.reason).sort()).toEqual(['invalid_value', 'malformed_row', 'missing_title']);
  });

  it('normalizes the next batch while one is being indexed, with at most one request in flight', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const events: string[] = [];
    const sink: PostingSink = {
      async write(docs) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        events.push(`send ${docs[0].id}`);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        return { created: docs.length, updated: 0, unchanged: 0, failed: [] };
      },
    };
    const report = await runImport({
      source: 'generated',
      path: 'x.jsonl',
      rows: from(['1', '2', '3', '4', '5', '6'].map((i) => raw(i))),
      normalize: (r) => {
        events.push(`normalize ${r.sourceId}`);
        return normalize(r);
      },
      sink,
      quarantine: memoryQuarantine(),
      batchSize: 2,
    });
    expect(report.indexed).toBe(6);
    expect(maxInFlight).toBe(1);
    // Rows 3 and 4 are normalized after batch 1 was sent and before it finished.
    expect(events.indexOf('normalize 3')).toBeGreaterThan(events.indexOf('send doc-1'));
    expect(events.indexOf('normalize 3')).toBeLessThan(events.indexOf('send doc-3'));
  });

  it('stops at the first failed request and reports it, without sending more', async () => {
    let calls = 0;
    const sink: PostingSink = {
      async write() {
        calls++;
        throw new Error('Elasticsearch is unavailable');
      },
    };
    await expect(
      runImport({ source: 'generated', path: 'x', rows: from(['1', '2', '3', '4', '5', '6'].map((i) => raw(i))), normalize, sink, quarantine: memoryQuarantine(), batchSize: 2 }),
    ).rejects.toThrow('Elasticsearch is unavailable');
    expect(calls).toBe(1);
  });
});
