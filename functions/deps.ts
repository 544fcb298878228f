/**
 * Builds what handlers need from the environment: the store, the mailer, the link signer, the
 * Step Functions client and the clock. Production and the local runtime both call this; the
 * only differences are the environment (endpoints, names, keys) and, locally, a faster clock.
 *
 * `createDeps` builds all of it, for the HTTP app and the local runtime. A workflow-step Lambda
 * builds only what its handler uses, with `settingsFrom`, `tableStore`, `sesMailer` and
 * `linkSigner` (handlers/step-handler.ts), so its bundle holds only the AWS clients it calls.
 * A step makes its Step Functions client itself (`new SFNClient({})`: it needs no settings), so
 * one that uses nothing else from here does not bring DynamoDB in with this module.
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

/** What every function reads from its environment, with no AWS client behind it. */
interface Settings {
  clock: Clock;
  publicBaseUrl: string;
  linkTtlSeconds: number;
  engagementStateMachineArn: string;
  engagementCyclesPerExecution: number;
  surveyCooldownDays: number;
}

export interface Deps extends Settings {
  store: EngagementStore;
  mailer: Mailer;
  links: LinkSigner;
  sfn: SFNClient;
}

export function settingsFrom(env: CommonEnv, clock: Clock = systemClock): Settings {
  return {
    clock,
    publicBaseUrl: env.PUBLIC_BASE_URL,
    linkTtlSeconds: env.LINK_TTL_SECONDS,
    engagementStateMachineArn: env.ENGAGEMENT_STATE_MACHINE_ARN,
    engagementCyclesPerExecution: env.ENGAGEMENT_CYCLES_PER_EXECUTION,
    surveyCooldownDays: env.SURVEY_COOLDOWN_DAYS,
  };
}

/** The table, through DynamoDB's document client. */
export function tableStore(env: CommonEnv, dynamodb = new DynamoDBClient({})): EngagementStore {
  const db = DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
  return createEngagementStore(db, env.TABLE_NAME, env.LINK_TTL_SECONDS);
}

/**
 * Sends through SESv2, each send guarded in the store. No SDK-level retries for sends: the send
 * guard and the workflow's Retry handle them (email.ts).
 */
export function sesMailer(env: CommonEnv, deps: Pick<Deps, 'store' | 'clock'>, ses = new SESv2Client({ maxAttempts: 1 })): Mailer {
  return createMailer({
    ses, store: deps.store, clock: deps.clock, sender: env.SENDER_EMAIL, configurationSet: env.SES_CONFIGURATION_SET, leaseSeconds: env.SEND_LEASE_SECONDS,
  });
}

/** Signs and checks client links with the keys from the environment or, on AWS, from Secrets Manager. */
export async function linkSigner(env: CommonEnv): Promise<LinkSigner> {
  return createLinkSigner(parseLinkKeys(await linkKeysJson(env)));
}

async function linkKeysJson(env: CommonEnv): Promise<string> {
  if (env.LINK_KEYS) return env.LINK_KEYS;
  const secret = await new SecretsManagerClient({}).send(new GetSecretValueCommand({ SecretId: env.LINK_KEYS_SECRET_ARN }));
  if (!secret.SecretString) throw new Error('the link-keys secret has no string value');
  return secret.SecretString;
}

/** Every part; `ses` and `dynamodb` replace the clients made from the environment (the local runtime adds its middleware to them). */
export async function createDeps(
  env: CommonEnv,
  options: { clock?: Clock; ses?: SESv2Client; dynamodb?: DynamoDBClient } = {},
): Promise<Deps> {
  const settings = settingsFrom(env, options.clock);
  const store = tableStore(env, options.dynamodb);
  return {
    ...settings,
    store,
    mailer: sesMailer(env, { store, clock: settings.clock }, options.ses),
    links: await linkSigner(env),
    sfn: new SFNClient({}),
  };
}

/** The URL a client opens for a request; the token is signed, the task token is not in it. */
export function clientLink(deps: Pick<Deps, 'links' | 'publicBaseUrl'>, requestId: string, expiresAt: Date, purpose: RequestPurpose = 'kickoff'): string {
  return `${deps.publicBaseUrl}/c/${deps.links.sign({ requestId, purpose, expiresAt })}`;
}

export function managerEngagementUrl(deps: Pick<Deps, 'publicBaseUrl'>, engagementId: string): string {
  return `${deps.publicBaseUrl}/manager/engagements/${engagementId}`;
}
