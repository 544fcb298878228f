/**
 * The CDK app: one `ExpectationsStack`, checked by cdk-nag's AWS Solutions pack at synthesis.
 * An unacknowledged cdk-nag error stops the synth; warnings are printed in the validation report.
 *
 * Context (cdk.json or `-c key=value`), validated before anything is built:
 * - `senderEmail`    the From address, verified in SES (required for a real deploy);
 * - `senderDomain`   optional: the domain to create and verify as an SES identity;
 * - `publicBaseUrl`  optional: the custom domain client links use, instead of the API endpoint;
 * - `digestHour`     optional: the hour (0–23) managers get the daily pre-drift digest (default 7);
 * - `digestTimeZone` optional: the IANA zone of that hour, and of the digest's dates (default UTC);
 * - `alarmEmail`     optional: an address subscribed to the operations alarms (it confirms by email).
 */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { z } from 'zod';
import { timeZoneSchema } from '../functions/domain/expectations.js';
import { commonEnvSchema } from '../functions/env.js';
import { ExpectationsStack } from './stack.js';

const contextSchema = z.object({
  senderEmail: commonEnvSchema.shape.SENDER_EMAIL.optional(),
  senderDomain: z.hostname().optional(),
  publicBaseUrl: commonEnvSchema.shape.PUBLIC_BASE_URL.optional(),
  digestHour: z.coerce.number().int().min(0).max(23).optional(),
  digestTimeZone: timeZoneSchema.optional(),
  alarmEmail: z.email().optional(),
});

const app = new App();
const context = contextSchema.safeParse({
  senderEmail: app.node.tryGetContext('senderEmail'),
  senderDomain: app.node.tryGetContext('senderDomain'),
  publicBaseUrl: app.node.tryGetContext('publicBaseUrl'),
  digestHour: app.node.tryGetContext('digestHour'),
  digestTimeZone: app.node.tryGetContext('digestTimeZone'),
  alarmEmail: app.node.tryGetContext('alarmEmail'),
});
if (!context.success) {
  throw new Error(`invalid CDK context:\n${z.prettifyError(context.error)}`);
}

new ExpectationsStack(app, 'Expectations', {
  description: 'Expectations-alignment workflow: table, kickoff workflow, email, manager sign-in and HTTP API',
  ...context.data,
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
