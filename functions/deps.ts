/**
 * Builds what handlers need from the environment: the store, the mailer, the link signer, the
 * Step Functions client and the clock. Production and the local runtime both call this; the
 * only differences are the environment (endpoints, names, keys) and, locally, a faster clock.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { SFNClient } from '@aws-sdk/client-sfn';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { RequestPurpose } from './domain/client-request.js';
import { systemClock, type Clock } from './domain/clock.js';
import { createMailer, type Mailer } from './adapters/email.js';
import { createLinkSigner, parseLinkKeys, type LinkSigner } from './adapters/signed-links.js';
import { createEngagementStore, type EngagementStore } from './adapters/table.js';
import type { CommonEnv } from './env.js';

export interface Deps {
  clock: Clock;
  store: EngagementStore;
  mailer: Mailer;
  links: LinkSigner;
  sfn: SFNClient;
  publicBaseUrl: string;
  linkTtlSeconds: number;
  engagementStateMachineArn: string;
  engagementCyclesPerExecution: number;
  surveyCooldownDays: number;
}

async function linkKeysJson(env: CommonEnv): Promise<string> {
  if (env.LINK_KEYS) return env.LINK_KEYS;
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: env.LINK_KEYS_SECRET_ARN }));
  if (!secret.SecretString) throw new Error('the link-keys secret has no string value');
  return secret.SecretString;
}

/** Stands in for the signer in functions that never sign or check a link (and can't read the keys). */
const NO_LINKS: LinkSigner = {
  sign: () => { throw new Error('this function is not given the link-signing keys'); },
  verify: () => { throw new Error('this function is not given the link-signing keys'); },
};

/**
 * `usesLinks: false` skips reading the link-signing keys, for functions that neither sign nor
 * verify links and so are not granted the secret.
 */
export async function createDeps(env: CommonEnv, options: { clock?: Clock; usesLinks?: boolean; ses?: SESv2Client } = {}): Promise<Deps> {
  const clock = options.clock ?? systemClock;
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const store = createEngagementStore(db, env.TABLE_NAME, env.LINK_TTL_SECONDS);
  // No SDK-level retries for sends: the send guard and the workflow's Retry handle them (email.ts).
  const ses = options.ses ?? new SESv2Client({ maxAttempts: 1 });
  return {
    clock,
    store,
    mailer: createMailer({ ses, store, clock, sender: env.SENDER_EMAIL, configurationSet: env.SES_CONFIGURATION_SET }),
    links: options.usesLinks === false ? NO_LINKS : createLinkSigner(parseLinkKeys(await linkKeysJson(env))),
    sfn: new SFNClient({}),
    publicBaseUrl: env.PUBLIC_BASE_URL,
    linkTtlSeconds: env.LINK_TTL_SECONDS,
    engagementStateMachineArn: env.ENGAGEMENT_STATE_MACHINE_ARN,
    engagementCyclesPerExecution: env.ENGAGEMENT_CYCLES_PER_EXECUTION,
    surveyCooldownDays: env.SURVEY_COOLDOWN_DAYS,
  };
}

/** The URL a client opens for a request; the token is signed, the task token is not in it. */
export function clientLink(deps: Pick<Deps, 'links' | 'publicBaseUrl'>, requestId: string, expiresAt: Date, purpose: RequestPurpose = 'kickoff'): string {
  return `${deps.publicBaseUrl}/c/${deps.links.sign({ requestId, purpose, expiresAt })}`;
}

export function managerEngagementUrl(deps: Pick<Deps, 'publicBaseUrl'>, engagementId: string): string {
  return `${deps.publicBaseUrl}/manager/engagements/${engagementId}`;
}
