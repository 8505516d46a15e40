// Process configuration, read once from the environment (README "Configuration").
import { parseTrustProxy } from './security/clientAddress';
import { parseAllowedOrigins } from './security/origins';
export interface Config {
  port: number;
  databaseUrl?: string;
  /**
   * DATABASE_READ_URL: a read replica (hot standby) of DATABASE_URL. Query operations' lists, counts and rankings read
   * there through a second pool (db/replica.ts; same role, row-level security, pool size and bounded queue as the
   * primary's); writes, transactions, sessions and a mutation's reads stay on the primary. The embedded PGlite
   * ignores it with a warning. db/connection.ts openDatabase reads it from the environment by default.
   */
  databaseReadUrl?: string;
  dataDir: string;
  seed: 'demo' | 'none';
  adminPassword?: string;
  production: boolean;
  /** REXIAN_TRUST_PROXY: reverse proxies whose X-Forwarded-For is believed (0: none). */
  trustProxy: number;
  /** REXIAN_ALLOWED_ORIGINS: origins besides the server's own whose pages may call /graphql. */
  allowedOrigins: string[];
}

/** A duration in milliseconds from the environment (≥ 0; unset or blank: `fallback`); anything else stops the start. */
export function millisecondsFromEnv(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`${name} must be a number of milliseconds ≥ 0, not "${raw}"`);
  return Math.floor(ms);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const seed = env.REXIAN_SEED ?? 'demo';
  if (seed !== 'demo' && seed !== 'none') throw new Error(`REXIAN_SEED must be "demo" or "none", not "${seed}"`);
  const port = Number(env.PORT ?? 4000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    dataDir: env.REXIAN_DATA_DIR || './data',
    seed,
    adminPassword: env.REXIAN_ADMIN_PASSWORD || undefined,
    production: env.NODE_ENV === 'production',
    trustProxy: parseTrustProxy(env.REXIAN_TRUST_PROXY),
    allowedOrigins: parseAllowedOrigins(env.REXIAN_ALLOWED_ORIGINS),
  };
}
