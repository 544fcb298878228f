/**
 * The daily pre-drift digest, invoked by EventBridge Scheduler (locally, by the local
 * runtime's daily timer) with `{ "scheduledAt": <the scheduled time> }`. The run's day is the
 * local date of the scheduled time in DIGEST_TIME_ZONE, not of the moment it runs, so a retry
 * after midnight still counts as the same day's digest and sends nothing twice.
 */
import * as z from 'zod';
import { sesMailer, settingsFrom, tableStore, type Deps } from '../deps.js';
import { digestDay } from '../domain/drift-digest.js';
import { isoInstant } from '../domain/text.js';
import { digestEnvSchema, parseEnv } from '../env.js';
import { sendDriftDigests } from '../use-cases/send-drift-digests.js';
import { lambdaStep, parseStepInput } from './step-handler.js';

const scheduleSchema = z.object({ scheduledAt: isoInstant });

type DigestStepDeps = Pick<Deps, 'store' | 'clock' | 'mailer' | 'publicBaseUrl'>;

export const makeSendDriftDigests = (deps: DigestStepDeps, timeZone: string) => async (event: unknown) => {
  const { scheduledAt } = parseStepInput(scheduleSchema, event);
  return sendDriftDigests(deps, digestDay(new Date(scheduledAt), timeZone), timeZone);
};

export const handler = lambdaStep((deps: DigestStepDeps) => makeSendDriftDigests(deps, parseEnv(digestEnvSchema).DIGEST_TIME_ZONE), (env) => {
  const deps = { ...settingsFrom(env), store: tableStore(env) };
  return { ...deps, mailer: sesMailer(env, deps) };
});
