import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13, the classifier review queue: one row per analyst decision on a posting's occupation
 * code. The table is the source of truth for human codes: ingest and reclassify re-apply the
 * latest row per posting (the index's soc.coded_by is only the fast check), and
 * train:classifier learns from the rows. `human_soc` is the whole soc object written to the
 * index, so the workers can re-apply it without the occupations index. Rows outlive the analyst's
 * account (SET NULL): they are training data, not the analyst's personal data.
 */
export class OccupationCorrections1795900000000 implements MigrationInterface {
  name = 'OccupationCorrections1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE occupation_corrections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        posting_id varchar(128) NOT NULL,
        source varchar(40) NOT NULL,
        title text NOT NULL,
        machine_code varchar(7) CHECK (machine_code ~ '^\\d{2}-\\d{4}$'),
        machine_confidence real CHECK (machine_confidence BETWEEN 0 AND 1),
        machine_coded_by varchar(8) CHECK (machine_coded_by IN ('model', 'human')),
        human_code varchar(7) NOT NULL CHECK (human_code ~ '^\\d{2}-\\d{4}$'),
        human_soc jsonb NOT NULL,
        action varchar(8) NOT NULL CHECK (action IN ('confirm', 'correct')),
        analyst_id uuid REFERENCES users (id) ON DELETE SET NULL,
        note varchar(500),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The latest decision per posting: what ingest and reclassify look up by batch of ids.
    await q.query(`CREATE INDEX occupation_corrections_posting_idx ON occupation_corrections (posting_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS occupation_corrections`);
  }
}
