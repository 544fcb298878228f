/**
 * Starts the local SESv2 server (`aws-ses-v2-local`) in this process. It keeps every email it
 * is asked to send and shows them on an inbox page at its root URL.
 */
import type { Server } from 'node:http';
import sesServerModule from 'aws-ses-v2-local';

export interface LocalSes {
  endpoint: string;
  inboxUrl: string;
  stop(): Promise<void>;
}

type StartServer = (config: { host: string; port: number }) => Promise<Server>;
// The package is CommonJS; depending on the loader its default export may be wrapped once more.
const startServer = ((sesServerModule as unknown as { default?: StartServer }).default ?? sesServerModule) as StartServer;

export async function startLocalSes(options: { port: number }): Promise<LocalSes> {
  const server = await startServer({ host: '127.0.0.1', port: options.port });
  const endpoint = `http://127.0.0.1:${options.port}`;
  return {
    endpoint,
    inboxUrl: `${endpoint}/`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

export interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

/** Every email the local server holds, oldest first. */
export async function inbox(endpoint: string): Promise<StoredEmail[]> {
  const response = await fetch(`${endpoint}/store`);
  if (!response.ok) throw new Error(`the local SES store answered ${response.status}`);
  const body = (await response.json()) as { emails: StoredEmail[] };
  return body.emails;
}
