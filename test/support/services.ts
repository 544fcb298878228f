/**
 * Starts real DynamoDB Local (in memory) and the local SES server for a test file, and points
 * the AWS SDK at them through the same variables production would use.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../../local/create-table.js';
import { startDynamoDbLocal } from '../../local/dynamodb.js';
import { freePort } from '../../local/ports.js';
import { startLocalSes } from '../../local/ses.js';

export async function startServices() {
  const [dynamoPort, sesPort] = await Promise.all([freePort(), freePort()]);
  const [dynamo, ses] = await Promise.all([startDynamoDbLocal({ port: dynamoPort }), startLocalSes({ port: sesPort })]);
  Object.assign(process.env, {
    AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint, AWS_ENDPOINT_URL_SESV2: ses.endpoint,
  });
  const tableName = 'test-table';
  const client = new DynamoDBClient({});
  await ensureTable(client, tableName);
  return {
    tableName,
    db: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    ses: new SESv2Client({}),
    sesEndpoint: ses.endpoint,
    stop: async () => { await Promise.all([dynamo.stop(), ses.stop()]); },
  };
}
