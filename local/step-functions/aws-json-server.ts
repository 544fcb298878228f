/**
 * An HTTP server speaking the AWS JSON 1.0 protocol on 127.0.0.1: `POST /` with
 * `X-Amz-Target: <prefix>.<Action>` and a JSON body, answered with
 * `Content-Type: application/x-amz-json-1.0`.
 *
 * A ServiceError becomes HTTP 400 with `{"__type", "message"}` and `x-amzn-ErrorType`, which
 * the SDK turns into an exception of that name. Anything else is logged and answered 500
 * `InternalFailure`: a bad request never takes the server down.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ServiceError } from './service-error.js';

export interface AwsJsonServer {
  endpoint: string;
  close(): Promise<void>;
}

export interface AwsJsonServerOptions {
  port: number;
  targetPrefix: string;
  dispatch: (action: string, body: unknown) => unknown;
}

/** Comfortably above the largest valid request (256 KiB of input plus its envelope). */
const MAX_BODY_BYTES = 1024 * 1024;

export async function startAwsJsonServer(options: AwsJsonServerOptions): Promise<AwsJsonServer> {
  const server = createServer((request, response) => {
    void respond(request, response, options);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // SDK clients keep connections alive; without this, close would wait for them.
        server.closeAllConnections();
      }),
  };
}

async function respond(request: IncomingMessage, response: ServerResponse, options: AwsJsonServerOptions): Promise<void> {
  try {
    const body = await readJsonBody(request);
    const result = await options.dispatch(actionOf(request, options.targetPrefix), body);
    send(response, 200, result ?? {});
  } catch (error) {
    if (error instanceof ServiceError) {
      send(response, 400, { __type: error.name, message: error.message }, error.name);
      return;
    }
    console.error('local Step Functions: request failed', error);
    send(response, 500, { __type: 'InternalFailure', message: 'The local Step Functions service failed' }, 'InternalFailure');
  }
}

function actionOf(request: IncomingMessage, targetPrefix: string): string {
  const target = request.headers['x-amz-target'];
  const prefix = `${targetPrefix}.`;
  if (request.method !== 'POST' || typeof target !== 'string' || !target.startsWith(prefix)) {
    throw new ServiceError('UnknownOperationException', `Expected POST with X-Amz-Target: ${prefix}<Action>`);
  }
  return target.slice(prefix.length);
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ServiceError('ValidationException', 'The request body is too large');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text === '' ? '{}' : text) as unknown;
  } catch {
    throw new ServiceError('SerializationException', 'The request body is not valid JSON');
  }
}

function send(response: ServerResponse, status: number, body: unknown, errorType?: string): void {
  response.writeHead(status, {
    'Content-Type': 'application/x-amz-json-1.0',
    'x-amzn-RequestId': randomUUID(),
    ...(errorType && { 'x-amzn-ErrorType': errorType }),
  });
  response.end(JSON.stringify(body));
}
