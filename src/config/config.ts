import { z } from 'zod';
import { normalizeEmail } from '../shared/domain/email';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a number' })
    .int({ message: 'must be a whole number' })
    .min(min, { message: `must be at least ${min}` })
    .max(max, { message: `must be at most ${max}` });
const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// connection URL' });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: int(0, 65535).default(3000),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_POOL_SIZE: int(1, 500).default(20),
  DATABASE_CONNECT_TIMEOUT_MS: int(100, 120_000).default(5000),
  SHUTDOWN_TIMEOUT_SECONDS: int(1, 3600).default(25),
  METRICS_TOKEN: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  RUN_MIGRATIONS: bool.default(true),
  SEED_DEMO_DATA: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: bool.optional(),
  BODY_LIMIT_BYTES: int(1024, 50 * 1024 * 1024).default(1024 * 1024),
  JSON_MAX_DEPTH: int(2, 1000).default(32),
  TRUST_PROXY: z
    .string()
    .regex(/^(false|\d{1,2}|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, {
      message: 'must be false, a hop count, or a comma-separated list of proxy addresses or CIDRs',
    })
    .default('false'),
  DOCS_ENABLED: bool.optional(),
  JWT_ACCESS_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  JWT_REFRESH_SECRET: z.string().min(32, { message: 'must be at least 32 characters' }).optional(),
  JWT_ACCESS_TTL_SECONDS: int(30, 24 * 3600).default(900),
  JWT_REFRESH_TTL_SECONDS: int(300, 365 * 24 * 3600).default(30 * 24 * 3600),
  JWT_ISSUER: z.string().min(1).default('repair-commerce-api'),
  ADMIN_EMAIL: z.string().email({ message: 'must be an email address' }).default('admin@example.com'),
  ADMIN_PASSWORD: z.string().min(10, { message: 'must be at least 10 characters' }).default('Admin-Password-1'),
  AUTH_CACHE_TTL_SECONDS: int(0, 300).default(30),
  AUTH_CACHE_MAX_ENTRIES: int(1, 1_000_000).default(10_000),
  SEARCH_WORD_CACHE_TTL_SECONDS: int(0, 3600).default(300),
  LOGIN_THROTTLE_IP_LIMIT: int(1, 100000).default(20),
  LOGIN_THROTTLE_ACCOUNT_LIMIT: int(1, 100000).default(5),
  LOGIN_THROTTLE_WINDOW_SECONDS: int(1, 86400).default(60),
  REGISTER_THROTTLE_IP_LIMIT: int(1, 100000).default(10),
  REGISTER_THROTTLE_WINDOW_SECONDS: int(1, 86400).default(600),
  REFRESH_THROTTLE_IP_LIMIT: int(1, 100000).default(30),
  REFRESH_THROTTLE_WINDOW_SECONDS: int(1, 86400).default(60),
  CART_ANONYMOUS_TTL_DAYS: int(1, 3650).default(30),
  CART_EXPIRY_INTERVAL_SECONDS: int(0, 86400).default(3600),
  ORDER_PAYMENT_TIMEOUT_MINUTES: int(1, 7 * 24 * 60).default(30),
  GUEST_PAYMENT_TIMEOUT_MINUTES: int(1, 7 * 24 * 60).default(15),
  MAX_UNPAID_ORDERS_PER_CUSTOMER: int(1, 10000).default(3),
  MAX_UNPAID_ORDERS_PER_EMAIL: int(1, 10000).default(2),
  MAX_UNPAID_ORDERS_PER_ADDRESS: int(1, 100000).default(10),
  ORDER_EXPIRY_INTERVAL_SECONDS: int(0, 86400).default(60),
  IDEMPOTENCY_RETENTION_HOURS: int(1, 24 * 30).default(24),
  IDEMPOTENCY_CLEANUP_INTERVAL_SECONDS: int(0, 86400).default(3600),
  IDEMPOTENCY_LEASE_SECONDS: int(1, 60).default(30),
  PAYMENT_WEBHOOK_SECRET: z.string().min(16, { message: 'must be at least 16 characters' }).optional(),
  PAYMENT_WEBHOOK_TOLERANCE_SECONDS: int(10, 3600).default(300),
  PAYMENT_PROVIDER_TIMEOUT_MS: int(100, 120_000).default(10_000),
  PAYMENT_RECONCILE_INTERVAL_SECONDS: int(0, 3600).default(30),
  PAYMENT_RECONCILE_AFTER_SECONDS: int(0, 3600).default(60),
  TEST_PROVIDER_LATENCY_MS: int(0, 60_000).default(0),
  TEST_PROVIDER_TIMEOUTS: z
    .string()
    .regex(/^(confirm|refund)(,(confirm|refund))*$/, { message: 'must be a comma-separated list of: confirm, refund' })
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' }).optional(),
  REDIS_KEY_PREFIX: z.string().max(100).default('rc:'),
  NATS_URL: z.string().regex(/^nats:\/\/.+/, { message: 'must be a nats:// URL' }).optional(),
  OUTBOX_RELAY_INTERVAL_MS: int(50, 60_000).default(1000),
  SIDE_EFFECT_INTERVAL_MS: int(0, 600_000).default(1000),
  SIDE_EFFECT_MAX_ATTEMPTS: int(1, 100).default(8),
  CORS_ORIGINS: z.string().min(1).optional(),
  STORE_TIMEZONE: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en-GB', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, { message: 'must be an IANA time zone such as Europe/London' })
    .default('Europe/London'),
  BOOKING_SLOT_MINUTES: int(5, 240).default(30),
  BOOKING_BUFFER_MINUTES: int(0, 240).default(15),
  BOOKING_LEAD_TIME_MINUTES: int(0, 7 * 24 * 60).default(120),
  BOOKING_CANCEL_CUTOFF_HOURS: int(0, 24 * 14).default(24),
  BOOKING_MAX_DAYS_AHEAD: int(1, 365).default(60),
  STORE_NAME: z.string().trim().min(1).max(100).default('Repair Shop'),
  STORE_URL: z
    .string()
    .regex(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
    .transform((url) => url.replace(/\/+$/, ''))
    .default('http://localhost:3000'),
  MAIL_FROM: z.string().email({ message: 'must be an email address' }).default('no-reply@example.com'),
  SMTP_URL: z.string().regex(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' }).optional(),
  NOTIFICATION_INTERVAL_MS: int(0, 600_000).default(5000),
  NOTIFICATION_MAX_ATTEMPTS: int(1, 100).default(8),
  NOTIFICATION_BACKOFF_SECONDS: int(1, 3600).default(30),
  NOTIFICATION_CLAIM_SECONDS: int(3, 3600).default(120),
  VISIT_REMINDER_LEAD_MINUTES: int(1, 14 * 24 * 60).default(24 * 60),
  VISIT_REMINDER_INTERVAL_SECONDS: int(0, 86400).default(300),
  STORE_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, { message: 'must be a three-letter ISO 4217 code' })
    .default('GBP'),
  VAT_RATE_PERCENT: int(0, 100).default(20),
  STORE_ADDRESS: z.string().min(1).max(500).default('1 High Street, London N1 1AA, United Kingdom'),
  STORE_VAT_NUMBER: z.string().min(1).max(40).optional(),
});

type Env = z.infer<typeof schema>;

/** The validated configuration; also the DI token (`constructor(config: AppConfig)`). */
export abstract class AppConfig {
  abstract readonly env: Env['NODE_ENV'];
  abstract readonly host: string;
  abstract readonly port: number;
  abstract readonly databaseUrl?: string;
  abstract readonly dataDir: string;
  /** Connections per process (N processes x poolSize must stay below the server's max_connections). */
  abstract readonly databasePool: { size: number; connectTimeoutMs: number };
  /** How long in-flight requests may run after SIGTERM/SIGINT before the process gives up on them. */
  abstract readonly shutdownTimeoutSeconds: number;
  /** Bearer token that GET /metrics requires; open when unset. */
  abstract readonly metricsToken?: string;
  abstract readonly runMigrations: boolean;
  abstract readonly seedDemoData: boolean;
  abstract readonly log: { level: Env['LOG_LEVEL']; pretty: boolean };
  abstract readonly bodyLimitBytes: number;
  /** JSON bodies nested deeper than this are refused before anything walks them. */
  abstract readonly jsonMaxDepth: number;
  /** Fastify's `trustProxy`: false, a hop count, or the proxies' addresses/CIDRs. */
  abstract readonly trustProxy: boolean | number | string[];
  /** Swagger UI at /docs and the document at /docs-json. */
  abstract readonly docsEnabled: boolean;
  /** Browser origins allowed to call the API; `*` allows any (the API uses bearer tokens, not cookies). */
  abstract readonly corsOrigins: string[] | '*';
  abstract readonly jwt: {
    /** Empty until `ensureSecrets` fills it from the environment or DATA_DIR. */
    accessSecret: string;
    refreshSecret: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
    issuer: string;
  };
  /** Sessions remembered per process, invalidated by LISTEN/NOTIFY (0 s = every request reads the database). */
  abstract readonly authCache: { ttlSeconds: number; maxEntries: number };
  /** Search-word lookups remembered per process, invalidated by LISTEN/NOTIFY (0 s = every search reads the vocabulary). */
  abstract readonly searchWordCacheTtlSeconds: number;
  abstract readonly admin: { email: string; password: string };
  abstract readonly loginThrottle: { ipLimit: number; accountLimit: number; windowSeconds: number };
  abstract readonly registerThrottle: { ipLimit: number; windowSeconds: number };
  abstract readonly refreshThrottle: { ipLimit: number; windowSeconds: number };
  abstract readonly currency: string;
  /** Prices are VAT-inclusive; the standard rate (categories may override it, shipping always uses it). */
  abstract readonly vatRatePercent: number;
  /** Shared state between processes (rate-limit counters); in-process when unset. */
  abstract readonly redis: { url?: string; keyPrefix: string };
  /** Outbox relay to NATS JetStream; off without NATS_URL. */
  /** Outbox relay to NATS JetStream (off without NATS_URL); how often due side effects are retried (0 = never). */
  abstract readonly outbox: { natsUrl?: string; relayIntervalMs: number; sideEffectIntervalMs: number; sideEffectMaxAttempts: number };
  abstract readonly cart: { anonymousTtlDays: number };
  /**
   * The shop as customers see it in emails (its name, the storefront's origin for links), and as
   * the seller of record on invoices and credit notes (name, address, VAT number).
   */
  abstract readonly store: { name: string; url: string; address: string; vatNumber?: string };
  abstract readonly notification: {
    /** From address of every email. */
    from: string;
    /** SMTP server; unset: each message is written as an .eml file under DATA_DIR/mail. */
    smtpUrl?: string;
    /** How often due and retried emails are sent (0 = only right after the commit that queued them). */
    intervalMs: number;
    maxAttempts: number;
    /** First retry delay, doubling per failed try (at most 10 minutes). */
    backoffSeconds: number;
    /** A claimed email is not taken by another process for this long (longer than any SMTP call). */
    claimSeconds: number;
    /** Reminder this long before a confirmed visit; how often the reminder job looks (0 = never). */
    reminderLeadMinutes: number;
    reminderIntervalSeconds: number;
  };
  /** How often each scheduled job runs, in seconds (0 = never). */
  abstract readonly jobs: { cartExpiryIntervalSeconds: number; orderExpiryIntervalSeconds: number; idempotencyCleanupIntervalSeconds: number };
  abstract readonly order: {
    paymentTimeoutMinutes: number;
    guestPaymentTimeoutMinutes: number;
    /** How many unpaid orders (each holding stock or a visit slot) one party may have at once. */
    maxUnpaid: { perCustomer: number; perEmail: number; perAddress: number };
  };
  abstract readonly booking: {
    timeZone: string;
    slotMinutes: number;
    bufferMinutes: number;
    leadTimeMinutes: number;
    cancelCutoffHours: number;
    maxDaysAhead: number;
  };
  /** A running request holds its Idempotency-Key for `leaseSeconds`; a retry after that takes it over. */
  abstract readonly idempotency: { retentionHours: number; leaseSeconds: number };
  /** `webhookSecret` is empty until ensureSecrets fills it (generated outside production). */
  abstract readonly payments: {
    webhookSecret: string;
    webhookToleranceSeconds: number;
    /** A provider call not answered in this time is treated as unanswered (settled by reconciliation). */
    providerTimeoutMs: number;
    /** How often reconciliation runs (0 = never), and how old a pending provider call must be for it. */
    reconcileIntervalSeconds: number;
    reconcileAfterSeconds: number;
    /** The built-in test provider: latency of every call; calls that act but never answer (timeouts). */
    testProvider: { latencyMs: number; timeouts: ('confirm' | 'refund')[] };
  };
}

export class ConfigError extends Error {}

/** Reads and validates the environment; the first problem becomes one line naming the variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${issue.path.join('.')} ${issue.message}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    for (const key of ['JWT_ACCESS_SECRET', 'JWT_REFRESH_SECRET', 'PAYMENT_WEBHOOK_SECRET'] as const) {
      if (!e[key]) throw new ConfigError(`Invalid configuration: ${key} is required when NODE_ENV=production`);
    }
    if (!e.DATABASE_URL) throw new ConfigError('Invalid configuration: DATABASE_URL is required when NODE_ENV=production');
    if (e.CORS_ORIGINS?.trim() === '*') {
      throw new ConfigError('Invalid configuration: CORS_ORIGINS must list the allowed origins when NODE_ENV=production (not *)');
    }
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    databasePool: { size: e.DATABASE_POOL_SIZE, connectTimeoutMs: e.DATABASE_CONNECT_TIMEOUT_MS },
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
    metricsToken: e.METRICS_TOKEN,
    runMigrations: e.RUN_MIGRATIONS,
    seedDemoData: e.SEED_DEMO_DATA,
    log: { level: e.LOG_LEVEL, pretty: e.LOG_PRETTY ?? e.NODE_ENV === 'development' },
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    jsonMaxDepth: e.JSON_MAX_DEPTH,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    docsEnabled: e.DOCS_ENABLED ?? e.NODE_ENV !== 'production',
    // Unset: any origin in development and test, none in production.
    corsOrigins: corsOrigins(e.CORS_ORIGINS ?? (e.NODE_ENV === 'production' ? '' : '*')),
    jwt: {
      accessSecret: e.JWT_ACCESS_SECRET ?? '',
      refreshSecret: e.JWT_REFRESH_SECRET ?? '',
      accessTtlSeconds: e.JWT_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: e.JWT_REFRESH_TTL_SECONDS,
      issuer: e.JWT_ISSUER,
    },
    admin: { email: normalizeEmail(e.ADMIN_EMAIL), password: e.ADMIN_PASSWORD },
    loginThrottle: {
      ipLimit: e.LOGIN_THROTTLE_IP_LIMIT,
      accountLimit: e.LOGIN_THROTTLE_ACCOUNT_LIMIT,
      windowSeconds: e.LOGIN_THROTTLE_WINDOW_SECONDS,
    },
    registerThrottle: { ipLimit: e.REGISTER_THROTTLE_IP_LIMIT, windowSeconds: e.REGISTER_THROTTLE_WINDOW_SECONDS },
    refreshThrottle: { ipLimit: e.REFRESH_THROTTLE_IP_LIMIT, windowSeconds: e.REFRESH_THROTTLE_WINDOW_SECONDS },
    currency: e.STORE_CURRENCY,
    vatRatePercent: e.VAT_RATE_PERCENT,
    redis: { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX },
    outbox: { natsUrl: e.NATS_URL, relayIntervalMs: e.OUTBOX_RELAY_INTERVAL_MS, sideEffectIntervalMs: e.SIDE_EFFECT_INTERVAL_MS, sideEffectMaxAttempts: e.SIDE_EFFECT_MAX_ATTEMPTS },
    cart: { anonymousTtlDays: e.CART_ANONYMOUS_TTL_DAYS },
    store: { name: e.STORE_NAME, url: e.STORE_URL, address: e.STORE_ADDRESS, vatNumber: e.STORE_VAT_NUMBER },
    notification: {
      from: e.MAIL_FROM,
      smtpUrl: e.SMTP_URL,
      intervalMs: e.NOTIFICATION_INTERVAL_MS,
      maxAttempts: e.NOTIFICATION_MAX_ATTEMPTS,
      backoffSeconds: e.NOTIFICATION_BACKOFF_SECONDS,
      claimSeconds: e.NOTIFICATION_CLAIM_SECONDS,
      reminderLeadMinutes: e.VISIT_REMINDER_LEAD_MINUTES,
      reminderIntervalSeconds: e.VISIT_REMINDER_INTERVAL_SECONDS,
    },
    jobs: {
      cartExpiryIntervalSeconds: e.CART_EXPIRY_INTERVAL_SECONDS,
      orderExpiryIntervalSeconds: e.ORDER_EXPIRY_INTERVAL_SECONDS,
      idempotencyCleanupIntervalSeconds: e.IDEMPOTENCY_CLEANUP_INTERVAL_SECONDS,
    },
    order: {
      paymentTimeoutMinutes: e.ORDER_PAYMENT_TIMEOUT_MINUTES,
      guestPaymentTimeoutMinutes: Math.min(e.GUEST_PAYMENT_TIMEOUT_MINUTES, e.ORDER_PAYMENT_TIMEOUT_MINUTES),
      maxUnpaid: {
        perCustomer: e.MAX_UNPAID_ORDERS_PER_CUSTOMER,
        perEmail: e.MAX_UNPAID_ORDERS_PER_EMAIL,
        perAddress: e.MAX_UNPAID_ORDERS_PER_ADDRESS,
      },
    },
    booking: {
      timeZone: e.STORE_TIMEZONE,
      slotMinutes: e.BOOKING_SLOT_MINUTES,
      bufferMinutes: e.BOOKING_BUFFER_MINUTES,
      leadTimeMinutes: e.BOOKING_LEAD_TIME_MINUTES,
      cancelCutoffHours: e.BOOKING_CANCEL_CUTOFF_HOURS,
      maxDaysAhead: e.BOOKING_MAX_DAYS_AHEAD,
    },
    idempotency: { retentionHours: e.IDEMPOTENCY_RETENTION_HOURS, leaseSeconds: e.IDEMPOTENCY_LEASE_SECONDS },
    authCache: { ttlSeconds: e.AUTH_CACHE_TTL_SECONDS, maxEntries: e.AUTH_CACHE_MAX_ENTRIES },
    searchWordCacheTtlSeconds: e.SEARCH_WORD_CACHE_TTL_SECONDS,
    payments: {
      webhookSecret: e.PAYMENT_WEBHOOK_SECRET ?? '',
      webhookToleranceSeconds: e.PAYMENT_WEBHOOK_TOLERANCE_SECONDS,
      providerTimeoutMs: e.PAYMENT_PROVIDER_TIMEOUT_MS,
      reconcileIntervalSeconds: e.PAYMENT_RECONCILE_INTERVAL_SECONDS,
      reconcileAfterSeconds: e.PAYMENT_RECONCILE_AFTER_SECONDS,
      testProvider: {
        latencyMs: e.TEST_PROVIDER_LATENCY_MS,
        timeouts: (e.TEST_PROVIDER_TIMEOUTS?.split(',') ?? []) as ('confirm' | 'refund')[],
      },
    },
  };
}

function parseTrustProxy(value: string): boolean | number | string[] {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value) === 0 ? false : Number(value);
  return value.split(',').map((a) => a.trim());
}

function corsOrigins(value: string): string[] | '*' {
  return value.trim() === '*' ? '*' : value.split(',').map((o) => o.trim()).filter(Boolean);
}
