/**
 * The one Lambda construct. Every entry point in functions/handlers/ is deployed through it, so
 * runtime, architecture, bundling, logging and tracing are decided here once.
 *
 * Contract:
 * - `handler` names a file `functions/handlers/<handler>.ts` that exports `handler`;
 *   `HandlerContracts` ties each file to the environment schema it parses (functions/env.ts),
 *   so a missing or misspelt variable is a compile error in the stack, not a cold-start crash.
 * - Link keys always come from Secrets Manager on AWS: `LINK_KEYS_SECRET_ARN` is required and
 *   the inline `LINK_KEYS` cannot be set.
 * - The function gets its own role that may write only to its own log group. Everything else
 *   is granted by the stack, through the helpers below or the resources' own `grant*` methods
 *   (the construct is an `IGrantable`).
 * - The code is bundled by `bundleHandler` (infra/bundling.ts), the one esbuild configuration
 *   the bundle benchmark uses too. Synthesis runs it in a child process (infra/bundle-handler.ts);
 *   the context `aws:cdk:bundling-stacks: []` skips it, as for any asset.
 * - Its timeout comes from infra/function-settings.ts, which the local runtime enforces too.
 * - Logs are JSON from Powertools Logger (functions/handlers/lambda-logging.ts), with the
 *   handler's name as the service and INFO as the level.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  AssetHashType, Duration, RemovalPolicy, Stack, Validations,
  type BundlingOptions, type CfnElement, type DockerImage, type ILocalBundling,
} from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { CommonEnvInput, DigestEnvInput, HttpEnvInput } from '../functions/env.js';
import { functionTimeoutSeconds } from './function-settings.js';

/** Which environment contract each handler file reads. */
export interface HandlerContracts {
  'http-api': HttpEnvInput;
  'send-kickoff-invite': CommonEnvInput;
  'wait-for-client': CommonEnvInput;
  'check-client-answer': CommonEnvInput;
  'escalate-kickoff': CommonEnvInput;
  'send-what-we-heard': CommonEnvInput;
  'finish-kickoff': CommonEnvInput;
  'report-stalled': CommonEnvInput;
  'plan-engagement-step': CommonEnvInput;
  'carry-out-engagement-step': CommonEnvInput;
  'wait-for-engagement-news': CommonEnvInput;
  'continue-engagement': CommonEnvInput;
  'record-email-event': CommonEnvInput;
  'refresh-drift': CommonEnvInput;
  'send-drift-digests': DigestEnvInput;
}

export type HandlerName = keyof HandlerContracts;

/** An environment contract as Lambda passes it (strings), with the link keys taken from Secrets Manager. */
export type LambdaEnvironment<T> = Omit<{ [K in keyof T]: string }, 'LINK_KEYS' | 'LINK_KEYS_SECRET_ARN'> & {
  LINK_KEYS_SECRET_ARN: string;
};

/** Every function's memory (and so its CPU share); the cost benchmark prices GB-seconds with it. */
export const FUNCTION_MEMORY_MB = 256;


export interface HandlerFunctionProps<H extends HandlerName> {
  /** The file name in functions/handlers/, without `.ts`. */
  readonly handler: H;
  readonly description: string;
  readonly environment: LambdaEnvironment<HandlerContracts[H]>;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

export class HandlerFunction<H extends HandlerName = HandlerName> extends Construct implements iam.IGrantable {
  /** The file in functions/handlers/ it runs, and its name in infra/function-settings.ts. */
  readonly handler: H;
  readonly function: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HandlerFunctionProps<H>) {
    super(scope, id);
    this.handler = props.handler;

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_MONTH,
      // Operational logs only: the durable record of an engagement is the table's event log.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // An own role instead of AWSLambdaBasicExecutionRole, whose log permissions cover every log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.handler} handler`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new lambda.Function(this, 'Function', {
      code: lambda.Code.fromAsset(repoRoot, {
        assetHashType: AssetHashType.OUTPUT,
        bundling: new HandlerBundling(props.handler),
      }),
      handler: 'index.handler',
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: FUNCTION_MEMORY_MB,
      timeout: Duration.seconds(functionTimeoutSeconds(props.handler)),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        ...definedOnly(props.environment),
        POWERTOOLS_SERVICE_NAME: props.handler,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
      },
    });

    // Tracing needs xray:PutTraceSegments and xray:PutTelemetryRecords, which have no resource type.
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support only Resource "*".',
    });
    // The decided runtime (engineering guide); cdk-nag wants the newest runtime CDK knows.
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'nodejs22.x is the runtime the project decided on and tests against; moving to a newer one is a deliberate upgrade.',
    });
  }

  get grantPrincipal(): iam.IPrincipal {
    return this.role;
  }

  get functionArn(): string {
    return this.function.functionArn;
  }

  /**
   * Reads (and with `read-write`, writes) items of the table and its indexes: the item actions
   * the store uses, and nothing else (no Scan, no streams, no table management). The grant
   * covers `<table>/index/*`, the table's own GSIs, which cdk-nag reports as a wildcard.
   */
  grantTable(table: ITable, access: 'read' | 'read-write'): void {
    this.grantTableActions(table, access === 'read' ? TABLE_READ_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS]);
  }

  /** Exactly these item actions on the table and its indexes, for a function that needs fewer than `grantTable` gives. */
  grantTableActions(table: ITable, actions: readonly string[]): void {
    table.grant(this, ...actions);
    const tableLogicalId = Stack.of(table).getLogicalId(table.node.defaultChild as CfnElement);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
      reason: 'Queries go through the table\'s own global secondary indexes; the wildcard covers only this table\'s indexes.',
    });
  }

  /** Starts executions of a state machine given by ARN (a name fixed in advance avoids a dependency cycle). */
  grantStartExecution(stateMachineArn: string): void {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['states:StartExecution'],
      resources: [stateMachineArn],
    }));
  }

  /** Resumes the callback tasks (`.waitForTaskToken`) of a state machine given by ARN. */
  grantTaskResponse(stateMachineArn: string): void {
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['states:SendTaskSuccess'],
      resources: [stateMachineArn],
    }));
  }
}

/** Exactly what the store calls (transactions need the per-item actions they contain). */
const TABLE_READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const TABLE_WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'];

/**
 * Bundles on this machine with infra/bundling.ts. The Docker image is never used: `tryBundle`
 * bundles or throws. `handler` is a field so that each function's asset has its own cache key.
 */
class HandlerBundling implements BundlingOptions {
  readonly image: DockerImage = lambda.Runtime.NODEJS_22_X.bundlingImage;
  readonly local: ILocalBundling;

  constructor(readonly handler: HandlerName) {
    this.local = {
      tryBundle: (outputDir) => {
        const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('bundle-handler.ts', import.meta.url)), handler, outputDir], {
          cwd: repoRoot,
          stdio: ['ignore', 'inherit', 'inherit'],
        });
        if (run.status !== 0) throw new Error(`bundling functions/handlers/${handler}.ts failed (${run.error?.message ?? `exit ${run.status}`})`);
        return true;
      },
    };
  }
}

/** Optional variables left out stay unset, so the handler's schema default applies. */
function definedOnly(environment: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
