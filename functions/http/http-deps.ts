/**
 * What the HTTP app needs beyond the common dependencies, built from the HTTP environment:
 * the kickoff workflow starter, the sign-in verifier and OAuth client, and the kickoff
 * schedule new engagements get.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { createWorkflow } from '../adapters/workflow.js';
import type { Clock } from '../domain/clock.js';
import { createDeps } from '../deps.js';
import type { HttpEnv } from '../env.js';
import { createAuthenticator } from './auth.js';
import type { ManagerDeps } from './manager-routes.js';

export async function createHttpDeps(env: HttpEnv, overrides: { clock?: Clock; ses?: SESv2Client; dynamodb?: DynamoDBClient } = {}): Promise<ManagerDeps> {
  const deps = await createDeps(env, overrides);
  return {
    ...deps,
    workflow: createWorkflow({ sfn: deps.sfn, kickoffStateMachineArn: env.KICKOFF_STATE_MACHINE_ARN }),
    auth: createAuthenticator({ jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER, audience: env.AUTH_AUDIENCE }),
    kickoffSchedule: {
      reminderEverySeconds: env.KICKOFF_REMINDER_EVERY_SECONDS,
      maxReminders: env.KICKOFF_MAX_REMINDERS,
      maxEscalations: env.KICKOFF_MAX_ESCALATIONS,
      correctionWindowSeconds: env.KICKOFF_CORRECTION_WINDOW_SECONDS,
    },
    oauth: { serverUrl: env.AUTH_OAUTH_URL, clientId: env.AUTH_AUDIENCE, appUrl: env.PUBLIC_BASE_URL },
  };
}
