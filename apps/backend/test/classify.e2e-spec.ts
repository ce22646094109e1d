import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { loadConfig } from '@jobportal/config';
import type { ClassifyResponse } from '@jobportal/contracts';
import { DEFAULT_ENSEMBLE } from '@jobportal/occupations';
import { createApp } from '../src/app.factory';

/**
 * POST /api/classify with the trained model from MODEL_DIR (`npm run train:classifier`), and
 * without one.
 */
const PREFIX = 'e2e-classify-';

describe('POST /api/classify (trained model)', () => {
  const env = { ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: PREFIX };
  let app: INestApplication;

  const classify = (body: unknown) => request(app.getHttpServer()).post('/api/classify').send(body as object);

  beforeAll(async () => {
    app = await createApp(loadConfig(env), { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('codes obvious titles to the right SOC major group, in order, with the response shape', async () => {
    const res = await classify({
      items: [
        { title: 'Registered Nurse' },
        { title: 'CDL-A Truck Driver', description: 'Drive a tractor-trailer over the road; Class A CDL required.' },
        { title: 'Line Cook' },
      ],
    });
    expect(res.status).toBe(200);
    const body = res.body as ClassifyResponse;
    expect(typeof body.modelVersion).toBe('string');
    expect(body.modelVersion.length).toBeGreaterThan(0);
    expect(body.results).toHaveLength(3);
    expect(body.results.map((r) => r.codes[0].code.slice(0, 2))).toEqual(['29', '53', '35']);
    for (const r of body.results) {
      expect(r.codes).toHaveLength(5);
      for (const c of r.codes) {
        expect(c.code).toMatch(/^\d{2}-\d{4}$/);
        expect(typeof c.title).toBe('string');
        expect(c.probability).toBeGreaterThanOrEqual(0);
        expect(c.probability).toBeLessThanOrEqual(1);
      }
      const probs = r.codes.map((c) => c.probability);
      expect([...probs].sort((a, b) => b - a)).toEqual(probs);
      // The learned confidence (probability that the first code is right), which the flag follows.
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.confidence).toBeLessThan(1);
      if (r.reason !== 'unknown_words') expect(r.reason === 'below_threshold').toBe(r.confidence < DEFAULT_ENSEMBLE.threshold);
      expect(r.needsReview).toBe(r.reason !== null);
      expect(r.onetCode).toMatch(new RegExp(`^${r.codes[0].code.slice(0, 2)}-\\d{4}\\.\\d{2}$`));
      expect(typeof r.needsReview).toBe('boolean');
      expect(r.reason === null || ['empty_input', 'unknown_words', 'below_threshold'].includes(r.reason)).toBe(true);
    }
    expect(body.results[0].codes[0].code).toBe('29-1141');
  });

  it('takes 1,000 items and gives 1,000 results', async () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ title: i % 2 ? 'Software Engineer' : 'Cashier', description: 'x'.repeat(i % 7 === 0 ? 5000 : 10) }));
    const res = await classify({ items });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1000);
    expect(res.body.results[1].codes[0].code.slice(0, 2)).toBe('15');
  });

  it('refuses 1,001 items with a 400 naming items', async () => {
    const res = await classify({ items: Array.from({ length: 1001 }, () => ({ title: 'Cashier' })) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'validation_failed' });
    expect(res.body.errors).toContainEqual({ field: 'items', reason: expect.stringContaining('at most 1000 items') });
  });

  it.each([
    ['empty', '', 'is required'],
    ['"!!!"', '!!!', 'must contain at least one letter'],
    ['"12345"', '12345', 'must contain at least one letter'],
    ['of 301 characters', 'x'.repeat(301), 'must be at most 300 characters'],
  ])('a title %s is a 400 naming items[3].title', async (_label, title, reason) => {
    const res = await classify({ items: [{ title: 'Cashier' }, { title: 'Welder' }, { title: 'Baker' }, { title }] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ field: 'items[3].title', reason });
  });

  it.each([
    ['no items', {}, 'items'],
    ['an empty list', { items: [] }, 'items'],
    ['items that are not a list', { items: 'Cashier' }, 'items'],
    ['an item without a title', { items: [{ description: 'no title' }] }, 'items[0].title'],
    ['a title that is not text', { items: [{ title: 42 }] }, 'items[0].title'],
    ['a description of 5,001 characters', { items: [{ title: 'Baker', description: 'x'.repeat(5001) }] }, 'items[0].description'],
    ['an unknown item field', { items: [{ title: 'Baker', soc: '51-3011' }] }, 'items[0].soc'],
    ['an unknown body field', { items: [{ title: 'Baker' }], k: 10 }, 'k'],
  ])('%s is a 400 naming %s', async (_label, body, field) => {
    const res = await classify(body);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'validation_failed' });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });
});

describe('POST /api/classify without a trained model', () => {
  let app: INestApplication;
  let emptyModelDir: string;

  beforeAll(async () => {
    emptyModelDir = mkdtempSync(join(tmpdir(), 'no-model-'));
    app = await createApp(loadConfig({ ...process.env, NODE_ENV: 'test', ES_INDEX_PREFIX: PREFIX, MODEL_DIR: emptyModelDir }), { logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(emptyModelDir, { recursive: true, force: true });
  });

  it('answers 503 model_unavailable, naming the command that trains it', async () => {
    const res = await request(app.getHttpServer()).post('/api/classify').send({ items: [{ title: 'Cashier' }] });
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ statusCode: 503, code: 'model_unavailable' });
    expect(res.body.message).toContain('npm run train:classifier');
  });
});
