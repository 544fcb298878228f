/**
 * The spine of the product in one stack: the table, the link-signing keys, email sending,
 * manager sign-in, the kickoff and engagement workflows and the HTTP API, each function granted
 * only what it uses.
 *
 * Contract:
 * - `senderEmail` is the From address; without it the stack synthesises with
 *   `SENDER_EMAIL_PLACEHOLDER` and a warning, and a deploy would not be able to send.
 * - `publicBaseUrl` is where client links point (a custom domain); without it, the HTTP API's
 *   execute-api endpoint.
 * - `digestHour` and `digestTimeZone` say when managers get the daily pre-drift digest.
 * - `alarmEmail`, when given, is subscribed to the operations alarms' topic.
 * - Each state machine's placeholders come from `statemachines/catalog.ts`, the list the local
 *   runtime substitutes from too (test/infra/asl-lint.test.ts fails on an unlisted one).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Annotations, ArnFormat, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';
import type { CommonEnvInput } from '../functions/env.js';
import { TABLE_DESIGN } from '../functions/adapters/table-design.js';
import { DEFAULT_DIGEST_HOUR } from '../functions/domain/drift-digest.js';
import { keepFailedInvocations, undeliveredEventsQueue } from './async-invocation.js';
import { DeadLetterQueue } from './dead-letter-queue.js';
import { DriftReports } from './drift-reports.js';
import { EmailSending } from './email-sending.js';
import { HandlerFunction, type LambdaEnvironment } from './function.js';
import { ManagerAuth } from './manager-auth.js';
import { Operations } from './operations.js';
import { STATE_MACHINES, type StateMachineName, type StepFunctionName } from '../statemachines/catalog.js';

const SENDER_EMAIL_PLACEHOLDER = 'noreply@example.com';

export interface ExpectationsStackProps extends StackProps {
  readonly senderEmail?: string;
  readonly senderDomain?: string;
  readonly publicBaseUrl?: string;
  /** Subscribed to the operations alarms (infra/operations.ts) when given. */
  readonly alarmEmail?: string;
  /** When the daily pre-drift digest goes out: the hour (default 7) in the zone (default UTC). */
  readonly digestHour?: number;
  readonly digestTimeZone?: string;
}

export class ExpectationsStack extends Stack {
  constructor(scope: Construct, id: string, props: ExpectationsStackProps = {}) {
    super(scope, id, props);

    const table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: TABLE_DESIGN.timeToLiveAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
      // Tells the drift refresher which engagements changed (infra/drift-reports.ts).
      stream: dynamodb.StreamViewType[TABLE_DESIGN.stream],
    });
    for (const index of TABLE_DESIGN.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        ...(index.include
          ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
          : { projectionType: dynamodb.ProjectionType.ALL }),
      });
    }

    // Rotation is manual and keeps links valid: put a new version next to the old one and make
    // it current ({"current":"2","1":"<old>","2":"<new>"}), then delete "1" once the longest
    // link lifetime (LINK_TTL_SECONDS) has passed. Functions cache the keys per container.
    // Retained: deleting it would invalidate every link already in a client's inbox.
    const linkKeys = new secretsmanager.Secret(this, 'LinkSigningKeys', {
      description: 'HMAC keys that sign client links: {"current":"<version>","<version>":"<key>",...}',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ current: '1' }),
        generateStringKey: '1',
        excludePunctuation: true,
        passwordLength: 64,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(linkKeys).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'Link-signing keys are rotated by hand by adding a new key version; automatic rotation would invalidate links already sent to clients.',
    });

    const senderEmail = props.senderEmail ?? SENDER_EMAIL_PLACEHOLDER;
    if (props.senderEmail === undefined) {
      Annotations.of(this).addWarningV2(
        'expectations:senderEmailPlaceholder',
        `No senderEmail in the CDK context: using ${SENDER_EMAIL_PLACEHOLDER}. Deploy with -c senderEmail=<verified address>.`,
      );
    }
    const email = new EmailSending(this, 'Email', { senderEmail, senderDomain: props.senderDomain });

    // No default stage: the $default stage below needs access logs and throttling.
    const api = new apigw.HttpApi(this, 'HttpApi', {
      description: 'Client pages (signed links), manager pages and the manager API',
      createDefaultStage: false,
    });
    const publicBaseUrl = props.publicBaseUrl ?? api.apiEndpoint;
    const auth = new ManagerAuth(this, 'ManagerAuth', { baseUrl: publicBaseUrl });

    // Fixed names, so functions can be granted on a state machine's ARN without depending on
    // the state machine, which itself depends on them.
    const machineName = (name: StateMachineName) => `${this.stackName}-${name}`;
    const machineArn = (name: StateMachineName) => this.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: machineName(name),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    const kickoffArn = machineArn('kickoff');
    const engagementArn = machineArn('engagement');

    const common: LambdaEnvironment<CommonEnvInput> = {
      TABLE_NAME: table.tableName,
      PUBLIC_BASE_URL: publicBaseUrl,
      SENDER_EMAIL: email.senderEmail,
      SES_CONFIGURATION_SET: email.configurationSet.configurationSetName,
      LINK_KEYS_SECRET_ARN: linkKeys.secretArn,
      ENGAGEMENT_STATE_MACHINE_ARN: engagementArn,
    };

    const sendKickoffInvite = new HandlerFunction(this, 'SendKickoffInvite', {
      handler: 'send-kickoff-invite',
      description: 'Kickoff: emails the client the invite or a reminder, once per sequence number',
      environment: common,
    });
    const waitForClient = new HandlerFunction(this, 'WaitForClient', {
      handler: 'wait-for-client',
      description: 'Kickoff: stores the task token of a human step under its request id',
      environment: common,
    });
    const checkClientAnswer = new HandlerFunction(this, 'CheckClientAnswer', {
      handler: 'check-client-answer',
      description: 'Kickoff: tells whether the client answered while the workflow was not waiting',
      environment: common,
    });
    const escalateKickoff = new HandlerFunction(this, 'EscalateKickoff', {
      handler: 'escalate-kickoff',
      description: 'Kickoff: emails the manager that the client has not answered',
      environment: common,
    });
    const sendWhatWeHeard = new HandlerFunction(this, 'SendWhatWeHeard', {
      handler: 'send-what-we-heard',
      description: 'Kickoff: emails the client the summary of their stated expectations',
      environment: common,
    });
    const finishKickoff = new HandlerFunction(this, 'FinishKickoff', {
      handler: 'finish-kickoff',
      description: 'Kickoff: records the outcome (agreed or unanswered)',
      environment: common,
    });
    const reportStalled = new HandlerFunction(this, 'ReportStalled', {
      handler: 'report-stalled',
      description: 'Both workflows: records that an execution failed or timed out and alerts the manager',
      environment: common,
    });
    const planEngagementStep = new HandlerFunction(this, 'PlanEngagementStep', {
      handler: 'plan-engagement-step',
      description: 'Engagement: decides from the log what is due next, or how long to wait',
      environment: common,
    });
    const carryOutEngagementStep = new HandlerFunction(this, 'CarryOutEngagementStep', {
      handler: 'carry-out-engagement-step',
      description: 'Engagement: sends the one email or records the one checkpoint the plan calls for',
      environment: common,
    });
    const waitForEngagementNews = new HandlerFunction(this, 'WaitForEngagementNews', {
      handler: 'wait-for-engagement-news',
      description: 'Engagement: stores the wait\'s task token so news wakes the workflow',
      environment: common,
    });
    const continueEngagement = new HandlerFunction(this, 'ContinueEngagement', {
      handler: 'continue-engagement',
      description: 'Engagement: continues a long engagement in a fresh execution',
      environment: common,
    });
    continueEngagement.grantStartExecution(engagementArn);

    const recordEmailEvent = new HandlerFunction(this, 'RecordEmailEvent', {
      handler: 'record-email-event',
      description: 'Records what SES reports about our emails; alerts the manager when a client email did not arrive',
      environment: common,
    });
    recordEmailEvent.grantTable(table, 'read-write');
    email.grantSend(recordEmailEvent);
    recordEmailEvent.grantTaskResponse(engagementArn);
    // Two different failures, two queues (infra/async-invocation.ts): the rule could not hand an
    // event to Lambda, or the recorder kept throwing on one.
    keepFailedInvocations(this, recordEmailEvent, 'SES events');
    new events.Rule(this, 'EmailEventsToRecorder', {
      description: 'SES events of this stack\'s configuration set, to the recorder',
      eventPattern: {
        source: ['aws.ses'],
        detail: { mail: { tags: { 'ses:configuration-set': [email.configurationSet.configurationSetName] } } },
      },
      targets: [new targets.LambdaFunction(recordEmailEvent.function, {
        deadLetterQueue: undeliveredEventsQueue(this, 'EmailEventsUndelivered', {
          events: 'SES events', sender: 'the rule EmailEventsToRecorder', fn: recordEmailEvent,
        }),
        retryAttempts: 8,
        maxEventAge: Duration.hours(6),
      })],
    });

    // A workflow does not catch a step that fails beyond its retries: the execution fails at
    // that step (so a redrive resumes there), and its status change tells the manager.
    keepFailedInvocations(this, reportStalled, 'execution status changes');
    new events.Rule(this, 'StoppedExecutionsToReport', {
      description: 'Failed or timed-out executions of this stack\'s workflows, to the reporter that alerts the manager',
      eventPattern: {
        source: ['aws.states'],
        detailType: ['Step Functions Execution Status Change'],
        detail: { status: ['FAILED', 'TIMED_OUT'], stateMachineArn: [kickoffArn, engagementArn] },
      },
      targets: [new targets.LambdaFunction(reportStalled.function, {
        deadLetterQueue: undeliveredEventsQueue(this, 'StoppedExecutionsUndelivered', {
          events: 'execution status changes', sender: 'the rule StoppedExecutionsToReport', fn: reportStalled,
        }),
        retryAttempts: 8,
        maxEventAge: Duration.hours(6),
      })],
    });

    new DriftReports(this, 'DriftReports', {
      table, environment: common, email, digestHour: props.digestHour ?? DEFAULT_DIGEST_HOUR, digestTimeZone: props.digestTimeZone ?? 'UTC',
    });

    const httpApi = new HandlerFunction(this, 'HttpApiHandler', {
      handler: 'http-api',
      description: 'HTTP API: client pages, manager pages and the manager API',
      environment: {
        ...common,
        KICKOFF_STATE_MACHINE_ARN: kickoffArn,
        AUTH_JWKS_URL: auth.jwksUrl,
        AUTH_ISSUER: auth.issuer,
        AUTH_AUDIENCE: auth.audience,
        AUTH_OAUTH_URL: auth.oauthUrl,
      },
    });

    checkClientAnswer.grantTable(table, 'read');
    finishKickoff.grantTable(table, 'read-write');
    finishKickoff.grantStartExecution(engagementArn);
    planEngagementStep.grantTable(table, 'read');
    waitForEngagementNews.grantTable(table, 'read-write');
    waitForEngagementNews.grantTaskResponse(engagementArn);
    waitForClient.grantTable(table, 'read-write');
    waitForClient.grantTaskResponse(kickoffArn);
    for (const sender of [sendKickoffInvite, escalateKickoff, sendWhatWeHeard, reportStalled, carryOutEngagementStep]) {
      sender.grantTable(table, 'read-write');
      email.grantSend(sender);
    }
    // Only the steps that put a signed link in an email read the keys (escalation links to the
    // manager's page, which needs sign-in, not a signature).
    linkKeys.grantRead(sendKickoffInvite);
    linkKeys.grantRead(sendWhatWeHeard);
    linkKeys.grantRead(carryOutEngagementStep);
    httpApi.grantTable(table, 'read-write');
    httpApi.grantStartExecution(kickoffArn);
    httpApi.grantTaskResponse(kickoffArn);
    // Wakes the engagement workflow when a delivery, an answer or a contact is recorded.
    httpApi.grantTaskResponse(engagementArn);
    // Verifies client links, and forwards a client's note to the manager by email.
    linkKeys.grantRead(httpApi);
    email.grantSend(httpApi);

    const steps: Record<StepFunctionName, HandlerFunction> = {
      'send-kickoff-invite': sendKickoffInvite,
      'wait-for-client': waitForClient,
      'check-client-answer': checkClientAnswer,
      'escalate-kickoff': escalateKickoff,
      'send-what-we-heard': sendWhatWeHeard,
      'finish-kickoff': finishKickoff,
      'plan-engagement-step': planEngagementStep,
      'carry-out-engagement-step': carryOutEngagementStep,
      'wait-for-engagement-news': waitForEngagementNews,
      'continue-engagement': continueEngagement,
    };
    for (const name of Object.keys(STATE_MACHINES) as StateMachineName[]) {
      const spec = STATE_MACHINES[name];
      const machine = new sfn.StateMachine(this, `${name[0]?.toUpperCase()}${name.slice(1)}Workflow`, {
        stateMachineName: machineName(name),
        stateMachineType: sfn.StateMachineType.STANDARD,
        // Inline (not fromFile) so template assertions and cdk-nag see the definition.
        definitionBody: sfn.DefinitionBody.fromString(readAsl(spec.file)),
        definitionSubstitutions: Object.fromEntries(
          Object.entries(spec.functions).map(([placeholder, step]) => [placeholder, steps[step as StepFunctionName].functionArn]),
        ),
        logs: {
          destination: new logs.LogGroup(this, `${name[0]?.toUpperCase()}${name.slice(1)}WorkflowLogs`, {
            // The vended-logs prefix keeps the log resource policy from growing with each state machine.
            logGroupName: `/aws/vendedlogs/states/${machineName(name)}`,
            retention: logs.RetentionDays.ONE_MONTH,
            removalPolicy: RemovalPolicy.DESTROY,
          }),
          // Every transition and error, but no inputs or outputs: they hold client data.
          level: sfn.LogLevel.ALL,
          includeExecutionData: false,
        },
        tracingEnabled: true,
      });
      // Tasks invoke the unqualified function ARNs, so no version or alias needs to be invocable.
      for (const step of new Set(Object.values(spec.functions))) {
        steps[step as StepFunctionName].function.grantInvokeLatestVersion(machine);
      }
      Validations.of(machine.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'Log delivery (logs:CreateLogDelivery and related) and X-Ray (xray:PutTraceSegments and related) support only Resource "*".',
      });
    }

    const accessLogs = new logs.LogGroup(this, 'HttpApiAccessLogs', {
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      // Far above what a team's clients and managers need; a cap on abuse and runaway clients.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        // The route key, not the path: a path can carry a signed link, which is a credential.
        format: AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId',
          requestTime: '$context.requestTime',
          sourceIp: '$context.identity.sourceIp',
          method: '$context.httpMethod',
          routeKey: '$context.routeKey',
          status: '$context.status',
          responseLength: '$context.responseLength',
          latencyMs: '$context.responseLatency',
          integrationError: '$context.integrationErrorMessage',
          authorizerError: '$context.authorizer.error',
        })),
      },
    });

    const integration = new HttpLambdaIntegration('HttpApiIntegration', httpApi.function);
    // Client pages authenticate with signed links and manager pages verify the session
    // cookie's JWT inside the app, so these routes have no API Gateway authorizer.
    const inAppAuthRoutes = [
      ...api.addRoutes({ path: '/', methods: [apigw.HttpMethod.ANY], integration }),
      ...api.addRoutes({ path: '/{proxy+}', methods: [apigw.HttpMethod.ANY], integration }),
    ];
    for (const route of inAppAuthRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason: 'Client pages are authorised by HMAC-signed links and manager pages by the session JWT, both verified in the app.',
      });
    }
    api.addRoutes({
      path: '/api/{proxy+}',
      methods: [apigw.HttpMethod.ANY],
      integration,
      authorizer: new HttpJwtAuthorizer('ManagerJwt', auth.issuer, { jwtAudience: [auth.audience] }),
    });

    // Alarms and a dashboard over everything that runs. Functions, workflows and queues are
    // found in the whole stack (nested constructs included), so one added anywhere is watched:
    // keep this block after every resource. Every queue in this stack is a dead-letter queue.
    const constructs = this.node.findAll();
    new Operations(this, 'Operations', {
      functions: constructs.filter((c): c is HandlerFunction => c instanceof HandlerFunction),
      stateMachines: constructs.filter((c): c is sfn.StateMachine => c instanceof sfn.StateMachine),
      deadLetterQueues: constructs.filter((c): c is DeadLetterQueue => c instanceof DeadLetterQueue),
      httpApi: api,
      table,
      alarmEmail: props.alarmEmail,
    });

    new CfnOutput(this, 'PublicBaseUrl', { value: publicBaseUrl });
    new CfnOutput(this, 'ManagerUserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'ManagerSignInDomain', { value: auth.domain.baseUrl() });
    new CfnOutput(this, 'KickoffStateMachineArn', { value: kickoffArn });
    new CfnOutput(this, 'EngagementStateMachineArn', { value: engagementArn });
  }
}

function readAsl(file: string): string {
  return readFileSync(fileURLToPath(new URL(`../statemachines/${file}`, import.meta.url)), 'utf8');
}
