/**
 * The environment contract, shared by the CDK code that sets it and the handlers that read it.
 * Each function parses its schema on its first invocation; a missing or malformed variable is
 * a named error at cold start, never a crash deep inside a request.
 *
 * Locally the same variables are set by the local runtime; the AWS SDK also honours
 * AWS_ENDPOINT_URL_DYNAMODB / _SESV2 / _SFN, which is the only other difference.
 */
import * as z from 'zod';
import { timeZoneSchema } from './domain/expectations.js';

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const commonEnvSchema = z.object({
  TABLE_NAME: z.string().min(3).max(255),
  /** Where links in emails point: the HTTP API's base URL, no trailing slash. */
  PUBLIC_BASE_URL: z.url().transform((u) => u.replace(/\/+$/, '')),
  SENDER_EMAIL: z.email(),
  SES_CONFIGURATION_SET: z.string().min(1).max(64),
  /** Link-signing keys inline (JSON, local) or in Secrets Manager (ARN, AWS); exactly one. */
  LINK_KEYS: z.string().optional(),
  LINK_KEYS_SECRET_ARN: z.string().startsWith('arn:').optional(),
  /** The engagement workflow: started when the kickoff ends with expectations agreed. */
  ENGAGEMENT_STATE_MACHINE_ARN: z.string().startsWith('arn:'),
  /** No second retrospective survey to the same contact within this many days. */
  SURVEY_COOLDOWN_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  /** Plan-and-act cycles before the engagement workflow continues in a fresh execution. */
  ENGAGEMENT_CYCLES_PER_EXECUTION: z.coerce.number().int().min(1).max(1000).default(250),
  /** How long a client link stays valid. */
  LINK_TTL_SECONDS: seconds(45 * 86400),
  /**
   * How long an email's send guard holds before another attempt may take it over (adapters/email.ts):
   * longer than a Lambda's timeout. The local runtime makes it ten seconds of real time at its
   * speed, since its functions and SES events do not run faster than the wall clock.
   */
  SEND_LEASE_SECONDS: seconds(120),
}).refine((e) => Boolean(e.LINK_KEYS) !== Boolean(e.LINK_KEYS_SECRET_ARN), {
  message: 'set exactly one of LINK_KEYS and LINK_KEYS_SECRET_ARN',
  path: ['LINK_KEYS'],
});

export const httpEnvSchema = commonEnvSchema.and(z.object({
  KICKOFF_STATE_MACHINE_ARN: z.string().startsWith('arn:'),
  /** Manager sign-in: a Cognito user pool on AWS, the development identity locally. */
  AUTH_JWKS_URL: z.url(),
  AUTH_ISSUER: z.string().min(1),
  AUTH_AUDIENCE: z.string().min(1),
  /**
   * The OAuth 2.0 server managers sign in with (authorization code + PKCE): its
   * `/oauth2/authorize` and `/oauth2/token` live under this URL. Cognito's hosted UI on AWS,
   * the development identity locally. The client id is AUTH_AUDIENCE.
   */
  AUTH_OAUTH_URL: z.url().transform((u) => u.replace(/\/+$/, '')),
  KICKOFF_REMINDER_EVERY_SECONDS: seconds(3 * 86400),
  KICKOFF_MAX_REMINDERS: z.coerce.number().int().min(0).max(10).default(2),
  KICKOFF_MAX_ESCALATIONS: z.coerce.number().int().min(1).max(10).default(3),
  KICKOFF_CORRECTION_WINDOW_SECONDS: seconds(7 * 86400),
}));

/** The daily digest adds the zone its schedule runs in. */
export const digestEnvSchema = commonEnvSchema.and(z.object({
  /** Decides which day a digest belongs to ("at most one a day") and how its deadlines are shown. */
  DIGEST_TIME_ZONE: timeZoneSchema.default('UTC'),
}));

export type CommonEnv = z.infer<typeof commonEnvSchema>;
export type HttpEnv = z.infer<typeof httpEnvSchema>;
/** What infra must set for a function of each kind (inputs, so defaults may be left out). */
export type CommonEnvInput = z.input<typeof commonEnvSchema>;
export type HttpEnvInput = z.input<typeof httpEnvSchema>;
export type DigestEnvInput = z.input<typeof digestEnvSchema>;

export class InvalidEnvironment extends Error {
  constructor(detail: string) {
    super(`invalid environment: ${detail}`);
    this.name = 'InvalidEnvironment';
  }
}

export function parseEnv<S extends z.ZodType>(schema: S, source: Record<string, string | undefined> = process.env): z.infer<S> {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    throw new InvalidEnvironment(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return parsed.data;
}
