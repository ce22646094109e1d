import { ConfigError, loadConfig } from '@jobportal/config';
import { ROLES, type Role } from '@jobportal/contracts';
import { Pool } from 'pg';
import { parseCliArgs, runCli, UsageError } from './args';

const USAGE = `Usage:
  npm run user:grant -- --phone <E.164 phone> --role <${ROLES.filter((r) => r !== 'user').join('|')}> [--revoke]
Grants (or with --revoke takes back) a role on the account with that phone number, in the
database at DATABASE_URL. "analyst" opens the analyst tools (queries, exports, review queue);
"operator" opens crawl sources and queues. The account must exist: sign up first.`;

/** A problem the operator can fix (database down, not migrated): printed as its message alone. */
class GrantError extends Error {}

interface GrantArgs {
  phone: string;
  role: Exclude<Role, 'user'>;
  revoke: boolean;
}

function check(args: Record<string, string | boolean>): GrantArgs {
  const phone = typeof args.phone === 'string' ? args.phone.replace(/[\s().-]/g, '') : '';
  if (!/^\+[1-9]\d{6,14}$/.test(phone)) throw new UsageError('--phone must be the number in international format, e.g. +14155550123.');
  const role = args.role;
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role) || role === 'user') {
    throw new UsageError(`--role must be one of: ${ROLES.filter((r) => r !== 'user').join(', ')} (every account is a "user" already).`);
  }
  return { phone, role: role as GrantArgs['role'], revoke: Boolean(args.revoke) };
}

async function main(): Promise<number> {
  const args = parseCliArgs(process.argv.slice(2), { phone: 'string', role: 'string', revoke: 'boolean' }, USAGE, check);
  if (typeof args === 'number') return args;
  const config = loadConfig();
  const pool = new Pool({ connectionString: config.database.url, max: 1, connectionTimeoutMillis: 5000 });
  try {
    // The schema belongs to the backend's migrations (apps/backend/src/database/migrations); this
    // only edits the roles array, keeping "user" and each role at most once.
    const sql = args.revoke
      ? `UPDATE users SET roles = array_remove(roles, $2::varchar), updated_at = now() WHERE phone = $1 RETURNING roles`
      : `UPDATE users SET roles = CASE WHEN $2::varchar = ANY (roles) THEN roles ELSE array_append(roles, $2::varchar) END, updated_at = now() WHERE phone = $1 RETURNING roles`;
    const { rows } = await pool.query<{ roles: string[] }>(sql, [args.phone, args.role]).catch((err: Error & { code?: string }) => {
      if (err.code === '42703' || err.code === '42P01') throw new GrantError(`The database at DATABASE_URL has no roles column yet: start the backend once (it runs the migrations), then retry.`);
      if (err.code === 'ECONNREFUSED' || /connect/i.test(err.message)) throw new GrantError(`PostgreSQL is not reachable at DATABASE_URL (${err.message}); start it with npm run stack:up.`);
      throw err;
    });
    if (!rows.length) {
      console.error(`No account has the phone ${args.phone}. Sign up in the app first, then run this again.`);
      return 1;
    }
    console.log(`${args.phone}: roles ${rows[0].roles.join(', ')}`);
    return 0;
  } finally {
    await pool.end();
  }
}

runCli(main, [ConfigError, GrantError]);
