import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Roles for the analyst and operator tools (issues 10, 11, 13). A set rather than one level, so
 * an operator need not be an analyst; the CHECK keeps the column to the names the code knows.
 */
export class Roles1795500000000 implements MigrationInterface {
  name = 'Roles1795500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN roles varchar(16)[] NOT NULL DEFAULT ARRAY['user']::varchar[]`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_roles_known CHECK (roles <@ ARRAY['user', 'analyst', 'operator']::varchar[] AND 'user' = ANY (roles))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_roles_known`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS roles`);
  }
}
