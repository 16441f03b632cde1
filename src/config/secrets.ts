import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from './config';

interface StoredSecrets {
  jwtAccessSecret: string;
  jwtRefreshSecret: string;
}

/**
 * Outside production, JWT secrets that were not configured are generated once and kept in
 * DATA_DIR, so tokens survive a restart without anyone having to invent a secret.
 */
export function ensureJwtSecrets(config: AppConfig): AppConfig {
  if (config.jwt.accessSecret && config.jwt.refreshSecret) return config;
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'secrets.json');
  let stored: StoredSecrets;
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  } else {
    stored = {
      jwtAccessSecret: randomBytes(48).toString('base64url'),
      jwtRefreshSecret: randomBytes(48).toString('base64url'),
    };
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    ...config,
    jwt: {
      ...config.jwt,
      accessSecret: config.jwt.accessSecret || stored.jwtAccessSecret,
      refreshSecret: config.jwt.refreshSecret || stored.jwtRefreshSecret,
    },
  };
}
