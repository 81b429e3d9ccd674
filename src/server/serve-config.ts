import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { LAB_LIMITS } from '../labs/limits';

/**
 * `clusterlab serve` settings: defaults, then a JSON config file (`--config FILE` or
 * CLUSTERLAB_CONFIG), then environment variables, so a container can override one value
 * without rewriting the file. The README's "Self-hosting" section lists every key.
 */

export const RUNTIMES = ['auto', 'worker', 'webcontainer'] as const;

const configSchema = z
  .object({
    port: z.number().int().min(0).max(65_535),
    host: z.string().min(1),
    siteDir: z.string().min(1),
    siteUrl: z.string().url().optional(),
    runtime: z.enum(RUNTIMES),
    webcontainerApiKey: z.string().optional(),
    teamMode: z.boolean(),
    databaseUrl: z.string().min(1),
    maxBodyBytes: z.number().int().positive(),
    verifyWorkers: z.number().int().min(0).max(64),
    trustProxy: z.boolean(),
    rateLimit: z.object({ ipBurst: z.number().positive(), ipPerSecond: z.number().min(0), tokenBurst: z.number().positive(), tokenPerSecond: z.number().min(0) }),
    lrs: z.object({ endpoint: z.string().url(), username: z.string(), password: z.string() }).optional(),
  })
  .strict();

export type ServeConfig = z.infer<typeof configSchema>;

export const DEFAULT_SITE_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

export function defaultConfig(): ServeConfig {
  return {
    port: 8080,
    host: '0.0.0.0',
    siteDir: DEFAULT_SITE_DIR,
    runtime: 'auto',
    teamMode: false,
    databaseUrl: 'sqlite:clusterlab-team.db',
    maxBodyBytes: LAB_LIMITS.maxFileBytes,
    // Replays run in worker threads, leaving a core for HTTP; 0 replays on the main thread.
    verifyWorkers: Math.max(1, availableParallelism() - 1),
    trustProxy: false,
    rateLimit: { ipBurst: 120, ipPerSecond: 20, tokenBurst: 30, tokenPerSecond: 1 },
  };
}

function flag(value: string): boolean | string {
  const v = value.toLowerCase();
  if (['1', 'true', 'on', 'yes'].includes(v)) return true;
  if (['0', 'false', 'off', 'no'].includes(v)) return false;
  return value;
}

/** Environment variable → config key, with how to read its text. */
const ENV: Record<string, [keyof ServeConfig, (v: string) => unknown]> = {
  PORT: ['port', Number],
  HOST: ['host', String],
  SITE_DIR: ['siteDir', String],
  SITE_URL: ['siteUrl', String],
  CLUSTERLAB_RUNTIME: ['runtime', String],
  WEBCONTAINER_API_KEY: ['webcontainerApiKey', String],
  TEAM_MODE: ['teamMode', flag],
  DATABASE_URL: ['databaseUrl', String],
  MAX_BODY_BYTES: ['maxBodyBytes', Number],
  VERIFY_WORKERS: ['verifyWorkers', Number],
  TRUST_PROXY: ['trustProxy', flag],
};

export class ConfigError extends Error {}

/** Merge defaults, the config file and the environment; throws ConfigError naming the bad key. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, file = env.CLUSTERLAB_CONFIG): ServeConfig {
  const merged: Record<string, unknown> = { ...defaultConfig() };
  if (file) {
    let fromFile: unknown;
    try {
      fromFile = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(`cannot read config file ${file}: ${(e as Error).message}`);
    }
    if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) throw new ConfigError(`${file} must hold a JSON object`);
    Object.assign(merged, fromFile);
  }
  for (const [name, [key, read]] of Object.entries(ENV)) {
    const value = env[name];
    if (value !== undefined && value !== '') merged[key] = read(value);
  }
  if (env.LRS_ENDPOINT) merged.lrs = { endpoint: env.LRS_ENDPOINT, username: env.LRS_USERNAME ?? '', password: env.LRS_PASSWORD ?? '' };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`invalid setting ${issue.path.join('.') || '(config)'}: ${issue.message}`);
  }
  return { ...parsed.data, siteDir: resolve(parsed.data.siteDir) };
}
