/**
 * Synthesises ExpectationsStack in-process (bundling skipped) and asserts the properties the
 * product relies on: the table, the functions' runtime and logging, the kickoff workflow and
 * its definition, the HTTP API's routes and authorizer, email sending, least-privilege IAM,
 * and that cdk-nag's AWS Solutions pack leaves no finding unacknowledged (and no stale
 * acknowledgement hides one).
 */
import { App, Stack, Validations, type Acknowledgment, type CfnElement } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TABLE_DESIGN } from '../../functions/adapters/table-design.js';
import { SIGNED_OUT_PATH } from '../../functions/http/sign-in-routes.js';
import type { HandlerFunction } from '../../infra/function.js';
import { STEP_TIMEOUT_SECONDS } from '../../infra/function-settings.js';
import { ExpectationsStack, type ExpectationsStackProps } from '../../infra/stack.js';
import { STATE_MACHINES } from '../../statemachines/catalog.js';

const KICKOFF_PLACEHOLDERS = Object.keys(STATE_MACHINES.kickoff.functions);

const SENDER = 'team@agency.example';
const FUNCTION_IDS = [
  'SendKickoffInvite', 'WaitForClient', 'CheckClientAnswer', 'EscalateKickoff',
  'SendWhatWeHeard', 'FinishKickoff', 'ReportStalled', 'PlanEngagementStep', 'CarryOutEngagementStep',
  'WaitForEngagementNews', 'ContinueEngagement', 'RecordEmailEvent', 'HttpApiHandler',
] as const;
const SENDERS_OF_EMAIL = ['SendKickoffInvite', 'EscalateKickoff', 'SendWhatWeHeard', 'ReportStalled', 'CarryOutEngagementStep', 'RecordEmailEvent', 'HttpApiHandler'] as const;
const DYNAMODB_WRITES = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

interface Statement { Effect: string; Action: string | string[]; Resource: unknown }

/** The app and stack, not yet synthesised (a synthesised app returns its cached assembly). */
function build(props: ExpectationsStackProps = { senderEmail: SENDER }) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return { app, stack: new ExpectationsStack(app, 'Expectations', props) };
}

const { stack } = build();
const template = Template.fromStack(stack);
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;

function logicalId(element: unknown): string {
  return Stack.of(stack).getLogicalId(element as CfnElement);
}
function handlerFunction(id: string): HandlerFunction {
  return stack.node.findChild(id) as HandlerFunction;
}
function statementsOf(id: string): Statement[] {
  const policy = handlerFunction(id).role.node.findChild('DefaultPolicy').node.defaultChild;
  const document = resources[logicalId(policy)]?.Properties.PolicyDocument as { Statement: Statement[] };
  return document.Statement;
}
function actionsOf(id: string): string[] {
  return statementsOf(id).flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}
function kickoffDefinition(): { definition: string; substitutions: Record<string, unknown> } {
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  const properties = machine?.Properties as { DefinitionString: string; DefinitionSubstitutions: Record<string, unknown> };
  return { definition: properties.DefinitionString, substitutions: properties.DefinitionSubstitutions };
}

describe('table', () => {
  it('is built from TABLE_DESIGN: on-demand, PITR, deletion protection, encrypted, TTL, a keys-only stream, its GSIs', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
      SSESpecification: { SSEEnabled: true },
      TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.timeToLiveAttribute, Enabled: true },
      GlobalSecondaryIndexes: TABLE_DESIGN.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: index.include ? { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.include] } : { ProjectionType: 'ALL' },
      })),
      StreamSpecification: { StreamViewType: 'KEYS_ONLY' },
    });
  });

  it('projects only the summary into the portfolio index, never the snapshot body', () => {
    const byPortfolio = TABLE_DESIGN.indexes.find((i) => i.name === 'byPortfolio');
    expect(byPortfolio?.include).toEqual(['summary']);
  });

  it('is retained when the stack is deleted', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('functions', () => {
  it.each(FUNCTION_IDS)('%s runs nodejs22.x on arm64, traced, JSON logs in its own one-month log group', (id) => {
    const fn = handlerFunction(id);
    expect(resources[logicalId(fn.function.node.defaultChild)]?.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      MemorySize: 256,
      Timeout: STEP_TIMEOUT_SECONDS,
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logicalId(fn.logGroup.node.defaultChild) } },
      Environment: { Variables: { NODE_OPTIONS: '--enable-source-maps' } },
    });
    expect(resources[logicalId(fn.function.node.defaultChild)]?.Properties).not.toHaveProperty('ReservedConcurrentExecutions');
    expect(resources[logicalId(fn.logGroup.node.defaultChild)]?.Properties).toMatchObject({ RetentionInDays: 30 });
  });

  it('time out before any Task state that invokes them does', () => {
    const tasks = Object.values(JSON.parse(kickoffDefinition().definition).States as Record<string, { Type: string; TimeoutSeconds?: number }>)
      .filter((state) => state.Type === 'Task' && state.TimeoutSeconds !== undefined);
    expect(tasks.length).toBeGreaterThan(0);
    for (const task of tasks) expect(STEP_TIMEOUT_SECONDS).toBeLessThan(task.TimeoutSeconds as number);
  });

  it('http-api knows the kickoff state machine and the manager sign-in', () => {
    expect(resources[logicalId(handlerFunction('HttpApiHandler').function.node.defaultChild)]?.Properties).toMatchObject({
      Environment: {
        Variables: {
          KICKOFF_STATE_MACHINE_ARN: expect.anything(),
          AUTH_JWKS_URL: expect.anything(),
          AUTH_ISSUER: expect.anything(),
          AUTH_AUDIENCE: expect.anything(),
          AUTH_OAUTH_URL: expect.anything(),
          SENDER_EMAIL: SENDER,
        },
      },
    });
  });
});

describe('kickoff state machine', () => {
  it('is a Standard workflow that logs every event without execution data, traced', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'Expectations-kickoff',
      StateMachineType: 'STANDARD',
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: Match.anyValue() } }],
      },
      TracingConfiguration: { Enabled: true },
    });
  });

  it('has every placeholder substituted with the matching function ARN', () => {
    const { definition, substitutions } = kickoffDefinition();
    const filled = definition.replace(/\$\{([A-Za-z0-9_]+)\}/g, (match, name: string) => (name in substitutions ? 'arn:filled' : match));
    expect(filled).not.toContain('${');
    expect(Object.keys(substitutions).sort()).toEqual([...KICKOFF_PLACEHOLDERS].sort());
    for (const placeholder of KICKOFF_PLACEHOLDERS) {
      const id = placeholder.replace(/FunctionArn$/, '');
      expect(substitutions[placeholder]).toEqual({ 'Fn::GetAtt': [logicalId(handlerFunction(id).function.node.defaultChild), 'Arn'] });
    }
  });

  it('has a timeout and a Retry on every Task', () => {
    const states = JSON.parse(kickoffDefinition().definition).States as Record<string, Record<string, unknown>>;
    for (const [name, state] of Object.entries(states).filter(([, s]) => s.Type === 'Task')) {
      expect(state.TimeoutSeconds ?? state.TimeoutSecondsPath, `${name} has no timeout`).toBeDefined();
      expect(state.Retry, `${name} has no Retry`).toEqual(expect.arrayContaining([expect.anything()]));
    }
  });
});

describe('HTTP API', () => {
  it.each([
    ['ANY /', 'NONE'],
    ['ANY /{proxy+}', 'NONE'],
    ['ANY /api/{proxy+}', 'JWT'],
  ])('routes %s with authorization %s', (routeKey, authorizationType) => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: routeKey, AuthorizationType: authorizationType });
  });

  it('authorizes /api/{proxy+} with the user pool\'s ID tokens for the app client', () => {
    const [authorizerId] = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'));
    const [userPoolId] = Object.keys(template.findResources('AWS::Cognito::UserPool'));
    const [clientId] = Object.keys(template.findResources('AWS::Cognito::UserPoolClient'));
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'ANY /api/{proxy+}', AuthorizerId: { Ref: authorizerId } });
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: { 'Fn::Join': ['', Match.arrayWith(['https://cognito-idp.', { Ref: userPoolId }])] },
      },
    });
  });

  it('throttles and access-logs the $default stage without logging paths (they can hold signed links)', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('\\$context\\.requestId') },
    });
    const [stage] = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'));
    expect(JSON.stringify(stage)).not.toMatch(/\$context\.(path|rawPath)/);
  });
});

describe('manager sign-in', () => {
  it('is a user pool without self sign-up, signing in by email, with TOTP MFA available', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: Match.anyValue(), RequireSymbols: true }) },
    });
  });

  it.each(['managers', 'heads-of-delivery'])('has the group %s', (groupName) => {
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: groupName });
  });

  it('has a public app client for the hosted UI and SRP', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    });
  });

  it('lets the hosted UI\'s /logout send a signed-out browser back to the app\'s signed-out page, and nowhere else', () => {
    const { stack: custom } = build({ senderEmail: SENDER, publicBaseUrl: 'https://align.agency.example' });
    Template.fromStack(custom).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://align.agency.example/auth/callback'],
      LogoutURLs: [`https://align.agency.example${SIGNED_OUT_PATH}`],
    });
  });

  it('keeps sessions to an hour, renewable for 30 days, and revocable on sign-out', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      IdTokenValidity: 60,
      RefreshTokenValidity: 43_200,
      TokenValidityUnits: Match.objectLike({ IdToken: 'minutes', RefreshToken: 'minutes' }),
      EnableTokenRevocation: true,
    });
  });
});

describe('email', () => {
  it('sends through a configuration set with reputation metrics', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
    });
  });

  it('sends delivery events to the default EventBridge bus, without click tracking', () => {
    const [destination] = Object.values(template.findResources('AWS::SES::ConfigurationSetEventDestination'));
    const eventDestination = (destination?.Properties as { EventDestination: { MatchingEventTypes: string[] } }).EventDestination;
    expect([...eventDestination.MatchingEventTypes].sort()).toEqual(['bounce', 'complaint', 'delivery', 'open', 'reject', 'send']);
    expect(JSON.stringify(eventDestination)).toContain(':event-bus/default');
  });

  it('creates no identity without senderDomain, and the domain identity with it', () => {
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    Template.fromStack(build({ senderEmail: SENDER, senderDomain: 'agency.example' }).stack)
      .hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'agency.example' });
  });

  it('warns when senderEmail is missing, and only then', () => {
    const { stack: unconfigured } = build({});
    Annotations.fromStack(unconfigured).hasWarning('/Expectations', Match.stringLikeRegexp('senderEmail'));
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

/** The EventBridge rule whose pattern matches events from `source`. */
const ruleFor = (source: string) => Object.values(template.findResources('AWS::Events::Rule'))
  .find((rule) => (rule.Properties.EventPattern as { source: string[] }).source.includes(source));

describe('email events', () => {
  it('sends this configuration set\'s SES events to the recorder, with retries and a dead-letter queue', () => {
    const rule = ruleFor('aws.ses');
    const pattern = rule?.Properties.EventPattern as { source: string[]; detail: { mail: { tags: Record<string, unknown[]> } } };
    expect(pattern.source).toEqual(['aws.ses']);
    expect(pattern.detail.mail.tags['ses:configuration-set']).toHaveLength(1);
    const [target] = rule?.Properties.Targets as Array<{ Arn: unknown; DeadLetterConfig?: unknown; RetryPolicy?: { MaximumRetryAttempts: number } }>;
    expect(JSON.stringify(target?.Arn)).toContain(logicalId(handlerFunction('RecordEmailEvent').function.node.defaultChild));
    expect(target?.DeadLetterConfig).toBeDefined();
    expect(target?.RetryPolicy?.MaximumRetryAttempts).toBeGreaterThan(0);
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });
});

describe('stopped executions', () => {
  it('sends failed and timed-out executions of both workflows to the reporter, with retries and a dead-letter queue', () => {
    const rule = ruleFor('aws.states');
    const pattern = rule?.Properties.EventPattern as { 'detail-type': string[]; detail: { status: string[]; stateMachineArn: unknown[] } };
    expect(pattern['detail-type']).toEqual(['Step Functions Execution Status Change']);
    expect(pattern.detail.status).toEqual(['FAILED', 'TIMED_OUT']);
    expect(JSON.stringify(pattern.detail.stateMachineArn)).toMatch(/Expectations-kickoff.*Expectations-engagement/);
    const [target] = rule?.Properties.Targets as Array<{ Arn: unknown; DeadLetterConfig?: unknown; RetryPolicy?: { MaximumRetryAttempts: number } }>;
    expect(JSON.stringify(target?.Arn)).toContain(logicalId(handlerFunction('ReportStalled').function.node.defaultChild));
    expect(target?.DeadLetterConfig).toBeDefined();
    expect(target?.RetryPolicy?.MaximumRetryAttempts).toBeGreaterThan(0);
  });

  it('leaves no workflow step catching every error: a step that fails beyond its retries fails the execution there, so a redrive resumes it', () => {
    const machines = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(machines).toHaveLength(2);
    for (const machine of machines) {
      const definition = JSON.stringify(machine.Properties.DefinitionString);
      expect(definition).toContain('waitForTaskToken');
      expect(definition).not.toContain('States.ALL');
      expect(definition).not.toContain(logicalId(handlerFunction('ReportStalled').function.node.defaultChild));
    }
  });
});

describe('IAM', () => {
  it('lets wait-for-client answer the kickoff\'s callback tasks, and not send email', () => {
    const statements = statementsOf('WaitForClient');
    const taskResponse = statements.find((s) => [s.Action].flat().includes('states:SendTaskSuccess'));
    expect(JSON.stringify(taskResponse?.Resource)).toContain(':stateMachine:Expectations-kickoff');
    expect(actionsOf('WaitForClient')).not.toContain('ses:SendEmail');
  });

  it('gives check-client-answer no write actions', () => {
    const actions = actionsOf('CheckClientAnswer');
    expect(actions).toContain('dynamodb:GetItem');
    for (const write of [...DYNAMODB_WRITES, 'ses:SendEmail', 'states:SendTaskSuccess', 'states:StartExecution']) {
      expect(actions).not.toContain(write);
    }
  });

  // In the SES sandbox, SES authorises a send against the recipient's identity too, so a grant on
  // the sender's identity alone is refused: any identity, but only From the sender address.
  it.each(FUNCTION_IDS)('%s may send email only if it sends email: on any identity but only From the sender, and through the configuration set', (id) => {
    const send = statementsOf(id).filter((s) => [s.Action].flat().includes('ses:SendEmail'));
    if (!(SENDERS_OF_EMAIL as readonly string[]).includes(id)) {
      expect(send).toEqual([]);
      return;
    }
    const [configurationSet] = Object.keys(template.findResources('AWS::SES::ConfigurationSet'));
    const arn = (resource: unknown[]) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ...resource]],
    });
    expect(send).toEqual([
      { Effect: 'Allow', Action: 'ses:SendEmail', Resource: arn([':identity/*']), Condition: { StringEquals: { 'ses:FromAddress': SENDER } } },
      { Effect: 'Allow', Action: 'ses:SendEmail', Resource: arn([':configuration-set/', { Ref: configurationSet }]) },
    ]);
  });

  it.each(FUNCTION_IDS.filter((id) => id !== 'ContinueEngagement'))('%s may never Scan the table, and reaches only its items and its own indexes', (id) => {
    const dynamo = statementsOf(id).filter((s) => [s.Action].flat().some((a) => a.startsWith('dynamodb:')));
    expect(dynamo.length).toBeGreaterThan(0);
    expect(dynamo.flatMap((s) => [s.Action].flat())).not.toContain('dynamodb:Scan');
    expect(JSON.stringify(dynamo.map((s) => s.Resource))).toContain('/index/*');
  });

  it.each(FUNCTION_IDS)('%s reads the link-signing keys only if it signs or checks links', (id) => {
    const readsKeys = statementsOf(id).some((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));
    expect(readsKeys).toBe(['SendKickoffInvite', 'SendWhatWeHeard', 'CarryOutEngagementStep', 'HttpApiHandler'].includes(id));
  });

  it('gives continue-engagement only the start of the next execution: no table, no email', () => {
    expect(actionsOf('ContinueEngagement').filter((a) => !a.startsWith('logs:') && !a.startsWith('xray:'))).toEqual(['states:StartExecution']);
  });

  it('lets http-api start the kickoff workflow', () => {
    expect(actionsOf('HttpApiHandler')).toEqual(expect.arrayContaining(['states:StartExecution', 'states:SendTaskSuccess']));
  });

  it('has no policy allowing every action', () => {
    const policies = Object.values(resources).filter((r) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::Role');
    const statements = policies.flatMap((r) => [
      ...((r.Properties.PolicyDocument as { Statement?: Statement[] } | undefined)?.Statement ?? []),
      ...((r.Properties.Policies as { PolicyDocument: { Statement: Statement[] } }[] | undefined) ?? []).flatMap((p) => p.PolicyDocument.Statement),
    ]);
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) {
      expect([statement.Action].flat()).not.toContain('*');
      expect([statement.Action].flat().some((a) => a.endsWith(':*'))).toBe(false);
    }
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
    for (const role of Object.values(template.findResources('AWS::IAM::Role'))) {
      expect(role.Properties).not.toHaveProperty('ManagedPolicyArns');
    }
  });
});

describe('cdk-nag (AWS Solutions)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('leaves no error or warning unacknowledged', () => {
    const { app } = build();
    const report = new AwsSolutionsChecks(app).validateScope(app);
    const findings = report.violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
    expect(findings).toEqual([]);
  });

  it('lets a synth with the pack registered as in infra/app.ts pass with an empty report', () => {
    const { app } = build();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const assembly = app.synth();
    const report = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as { pluginReports: unknown[] };
    expect(report.pluginReports).toEqual([]);
  });

  it('has no stale acknowledgement: each one still matches a finding where it was made', () => {
    // Record the acknowledgements instead of applying them, so the pack reports every raw finding.
    const acknowledged: { path: string; id: string }[] = [];
    vi.spyOn(Validations.prototype, 'acknowledge').mockImplementation(function (this: Validations, ...rules: Acknowledgment[]) {
      // Validations keeps the construct it was made for in a private field.
      const scope = (this as unknown as { scope: { node: { path: string } } }).scope;
      for (const rule of rules) acknowledged.push({ path: scope.node.path, id: rule.id });
    });
    const { app } = build();
    const raw = new AwsSolutionsChecks(app).validateScope(app).violations;

    expect(acknowledged.length).toBeGreaterThan(0);
    const stale = acknowledged.filter(({ path, id }) => !raw.some((v) => v.ruleName === id
      && v.violatingResources.some((r) => r.constructPath === path || r.constructPath?.startsWith(`${path}/`))));
    expect(stale).toEqual([]);
  });
});
