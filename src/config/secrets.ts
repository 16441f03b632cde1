import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from './config';

interface StoredSecrets {
  jwtAccessSecret: string;
  jwtRefreshSecret: string;
  paymentWebhookSecret?: string;
}

/**
 * Outside production, JWT and webhook secrets that were not configured are generated once and kept in
 * DATA_DIR, so tokens survive a restart without anyone having to invent a secret.
 */
const newSecret = () => randomBytes(48).toString('base64url');

export function ensureSecrets(config: AppConfig): AppConfig {
  if (config.jwt.accessSecret && config.jwt.refreshSecret && config.payments.webhookSecret) return config;
  mkdirSync(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'secrets.json');
  let stored: StoredSecrets;
  if (existsSync(file)) {
    stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets;
  } else {
    stored = { jwtAccessSecret: newSecret(), jwtRefreshSecret: newSecret() };
  }
  if (!stored.paymentWebhookSecret) {
    stored.paymentWebhookSecret = `whsec_${newSecret()}`;
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return {
    ...config,
    jwt: {
      ...config.jwt,
      accessSecret: config.jwt.accessSecret || stored.jwtAccessSecret,
      refreshSecret: config.jwt.refreshSecret || stored.jwtRefreshSecret,
    },
    payments: { ...config.payments, webhookSecret: config.payments.webhookSecret || stored.paymentWebhookSecret },
  };
}
