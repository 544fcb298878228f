/**
 * The engagement store: every read and write of the single table, behind names the rest of
 * the code understands. Keys follow `table-design.ts`. Every item read back is validated with
 * its zod schema (a bad item is a `CorruptItem`, never a half-typed object), and every write
 * that could race is conditional (events are append-only under unique keys), so a retry or a
 * double submit can't overwrite or duplicate.
 *
 * The DynamoDB document client comes from outside (see `deps.ts`).
 */
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { clientRequestSchema, type ClientRequest } from '../domain/client-request.js';
import { engagementSchema, type Engagement, type EngagementStatus } from '../domain/engagement.js';
import { AlreadyAnswered, InProgress, NotFound, RequestClosed } from '../domain/errors.js';
import { engagementEventSchema, type EngagementEvent, type NewEvent } from '../domain/events.js';
import { kickoffAnswerSchema, type KickoffAnswer } from '../domain/kickoff.js';
import { sentRecordSchema, type SentRecord } from './sent-record.js';
import { createDriftSnapshotStore } from './drift-snapshots.js';
import { parseItem } from './table-items.js';

const DAY_SECONDS = 86_400;

const key = {
  engagement: (id: string) => ({ pk: `ENG#${id}`, sk: 'META' }),
  answer: (engagementId: string, version: number) => ({ pk: `ENG#${engagementId}`, sk: `KICKOFF#v${String(version).padStart(4, '0')}` }),
  event: (engagementId: string, at: string, id: string) => ({ pk: `ENG#${engagementId}`, sk: `EVT#${at}#${id}` }),
  sent: (owner: SendOwner, purpose: string, sequence: number | string) => ({
    pk: 'managerId' in owner ? `MGR#${owner.managerId}` : `ENG#${owner.engagementId}`, sk: `SENT#${purpose}#${sequence}`,
  }),
  request: (id: string) => ({ pk: `REQ#${id}`, sk: 'REQ' }),
  contactAnswer: (email: string, at: string, engagementId: string) => ({ pk: `CONTACT#${email}`, sk: `KICKOFF#${at}#${engagementId}` }),
};

const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);
/**
 * A send guard must outlive every retry and redrive of its execution (a Standard execution
 * lasts at most a year; a redrive comes within two weeks of its failure). The event log keeps
 * the record of the send itself.
 */
const SEND_GUARD_TTL_SECONDS = 400 * 86_400;

/** Whose message a send guard protects: an engagement's, or (a digest) a manager's own. */
export type SendOwner = { engagementId: string } | { managerId: string };
export type SendGuard = SendOwner & { purpose: string; sequence: number | string };

export type ClaimResult =
  | { claimed: true; claimId: string }
  /** The message was already sent by an earlier attempt. */
  | { claimed: false; messageId?: string };

export type EngagementStore = ReturnType<typeof createEngagementStore>;

export function createEngagementStore(db: DynamoDBDocumentClient, tableName: string, linkTtlSeconds: number) {
  const TableName = tableName;
  const requestTtl = (now: Date) => epochSeconds(now) + linkTtlSeconds + 30 * DAY_SECONDS;

  function eventItem(event: NewEvent, at: Date) {
    const full = engagementEventSchema.parse({ ...event, id: randomUUID().slice(0, 8), at: at.toISOString() });
    return { ...key.event(full.engagementId, full.at, full.id), ...full };
  }

  function requestItem(request: ClientRequest, now: Date) {
    return { ...key.request(request.id), ...clientRequestSchema.parse(request), ttl: requestTtl(now) };
  }

  async function getRequest(requestId: string): Promise<ClientRequest | undefined> {
    const { Item } = await db.send(new GetCommand({ TableName, Key: key.request(requestId), ConsistentRead: true }));
    return Item ? parseItem(clientRequestSchema, Item) : undefined;
  }

  /**
   * Why an answer's transaction was refused. A concurrent submit may be committing right now
   * (a TransactionConflict): give it a moment, so a double click is told "already answered"
   * rather than "try again".
   */
  async function refusedAnswer(requestId: string, what: string): Promise<Error> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const current = await getRequest(requestId);
      if (current?.status === 'answered') return new AlreadyAnswered(requestId);
      if (current?.status === 'closed') return new RequestClosed(requestId);
      await new Promise((resolve) => setTimeout(resolve, 50 * (attempt + 1)));
    }
    return new InProgress(what);
  }

  const answerRequest = (requestId: string, at: string, extra: Record<string, unknown> = {}) => {
    const names = Object.keys(extra);
    return {
      Update: {
        TableName,
        Key: key.request(requestId),
        UpdateExpression: `SET #status = :answered, answeredAt = :at${names.map((n) => `, ${n} = :${n}`).join('')}`,
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':answered': 'answered', ':open': 'open', ':at': at,
          ...Object.fromEntries(names.map((n) => [`:${n}`, extra[n]])),
        },
      },
    };
  };

  /** Completes a claim and logs its send, together; refused unless that claim still holds the guard. */
  function markSentOnce(args: SendGuard & { claimId: string; messageId: string; event?: NewEvent; now: Date }) {
    return db.send(new TransactWriteCommand({
      TransactItems: [
        {
          Update: {
            TableName,
            Key: key.sent(args, args.purpose, args.sequence),
            UpdateExpression: 'SET #status = :sent, messageId = :m, sentAt = :at REMOVE leaseUntil',
            ConditionExpression: 'claimId = :claim AND #status = :sending',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':sent': 'sent', ':sending': 'sending', ':m': args.messageId, ':at': args.now.toISOString(), ':claim': args.claimId },
          },
        },
        ...(args.event ? [{ Put: { TableName, Item: eventItem(args.event, args.now) } }] : []),
      ],
    }));
  }

  return {
    ...createDriftSnapshotStore(db, TableName),

    /** Stores a new engagement with its first client request and its creation event, all or nothing. */
    async createEngagement(engagement: Engagement, firstRequest: ClientRequest, createdBy: string): Promise<void> {
      const now = new Date(engagement.createdAt);
      await db.send(new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName,
              Item: {
                ...key.engagement(engagement.id),
                gsi1pk: `MGR#${engagement.manager.id}`,
                gsi1sk: `ENG#${engagement.createdAt}#${engagement.id}`,
                ...engagementSchema.parse(engagement),
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName, Item: requestItem(firstRequest, now), ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName, Item: eventItem({ type: 'engagement-created', engagementId: engagement.id, by: createdBy }, now) } },
        ],
      }));
    },

    async getEngagement(id: string): Promise<Engagement | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName, Key: key.engagement(id), ConsistentRead: true }));
      return Item ? parseItem(engagementSchema, Item) : undefined;
    },

    async requireEngagement(id: string): Promise<Engagement> {
      const engagement = await this.getEngagement(id);
      if (!engagement) throw new NotFound(`engagement ${id}`);
      return engagement;
    },

    /** Newest first, through the manager index: never a Scan. */
    async listEngagementsOfManager(managerId: string, limit = 50): Promise<Engagement[]> {
      const { Items = [] } = await db.send(new QueryCommand({
        TableName,
        IndexName: 'byManager',
        KeyConditionExpression: 'gsi1pk = :m',
        ExpressionAttributeValues: { ':m': `MGR#${managerId}` },
        ScanIndexForward: false,
        Limit: limit,
      }));
      return Items.map((item) => parseItem(engagementSchema, item));
    },

    /** Moves the engagement to a status and logs why; a repeat (a retried step) changes nothing. */
    async setStatus(engagementId: string, status: EngagementStatus, event: NewEvent, now: Date): Promise<void> {
      try {
        await db.send(new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName,
                Key: key.engagement(engagementId),
                UpdateExpression: 'SET #status = :s',
                ConditionExpression: 'attribute_exists(pk) AND #status <> :s',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':s': status },
              },
            },
            { Put: { TableName, Item: eventItem(event, now) } },
          ],
        }));
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const current = await this.getEngagement(engagementId);
        if (current?.status !== status) throw error;
      }
    },

    getRequest,

    /** Creates the request if it does not exist yet; an existing one is left as it is. */
    async ensureRequest(request: ClientRequest, now: Date): Promise<ClientRequest> {
      try {
        await db.send(new PutCommand({ TableName, Item: requestItem(request, now), ConditionExpression: 'attribute_not_exists(pk)' }));
        return request;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const existing = await getRequest(request.id);
        if (!existing) throw error;
        return existing;
      }
    },

    /**
     * Remembers the task token of the execution now waiting on this request and returns the
     * request as it is after the write, so the caller sees an answer that arrived before.
     */
    async registerTaskToken(requestId: string, taskToken: string): Promise<ClientRequest> {
      try {
        const { Attributes } = await db.send(new UpdateCommand({
          TableName,
          Key: key.request(requestId),
          UpdateExpression: 'SET taskToken = :t',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':t': taskToken },
          ReturnValues: 'ALL_NEW',
        }));
        return parseItem(clientRequestSchema, Attributes ?? {});
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) throw new NotFound(`request ${requestId}`);
        throw error;
      }
    },

    /**
     * Closes an open request so its link says so. Returns the request's final status: an
     * answer that landed first stays, and the caller must not ignore it.
     */
    async closeRequest(requestId: string): Promise<'closed' | 'answered' | 'missing'> {
      try {
        await db.send(new UpdateCommand({
          TableName,
          Key: key.request(requestId),
          UpdateExpression: 'SET #status = :closed REMOVE taskToken',
          ConditionExpression: '#status = :open',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open' },
        }));
        return 'closed';
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const request = await getRequest(requestId);
        return request ? (request.status === 'answered' ? 'answered' : 'closed') : 'missing';
      }
    },

    /**
     * Stores a client's kickoff answer as the engagement's next version, marks the request
     * answered, and logs it, all in one transaction. A second submit, or a submit after the
     * workflow closed the request, changes nothing and says why.
     */
    async recordKickoffAnswer(args: {
      request: ClientRequest;
      engagement: Engagement;
      answer: KickoffAnswer;
      note?: string;
    }): Promise<void> {
      const { request, engagement, answer } = args;
      const at = new Date(answer.submittedAt);
      const stored = kickoffAnswerSchema.parse(answer);
      try {
        await db.send(new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { ...key.answer(engagement.id, stored.version), ...stored }, ConditionExpression: 'attribute_not_exists(pk)' } },
            answerRequest(request.id, stored.submittedAt, { answerVersion: stored.version }),
            {
              Update: {
                TableName,
                Key: key.engagement(engagement.id),
                // The language the client answered in becomes the engagement's: every later
                // email and page speaks it.
                UpdateExpression: `SET expectationsVersion = :v, #status = :s${stored.locale ? ', #locale = :locale' : ''}`,
                ConditionExpression: 'expectationsVersion = :previous',
                ExpressionAttributeNames: { '#status': 'status', ...(stored.locale ? { '#locale': 'locale' } : {}) },
                ExpressionAttributeValues: {
                  ':v': stored.version, ':previous': stored.version - 1, ':s': 'kickoff-answered',
                  ...(stored.locale ? { ':locale': stored.locale } : {}),
                },
              },
            },
            { Put: { TableName, Item: { ...key.contactAnswer(stored.contactEmail, stored.submittedAt, engagement.id), ...stored } } },
            { Put: { TableName, Item: eventItem({ type: 'kickoff-answered', engagementId: engagement.id, version: stored.version, round: request.round }, at) } },
            ...(args.note
              ? [{ Put: { TableName, Item: eventItem({ type: 'client-note', engagementId: engagement.id, text: args.note, page: 'kickoff' }, at) } }]
              : []),
          ],
        }));
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        throw await refusedAnswer(request.id, `an answer for ${engagement.id}`);
      }
    },

    /**
     * Stores a client's one-click answer (about a delivery, a survey, a scope decision…) as an
     * event and marks the request answered, together, with any events the answer causes (the
     * later date a client chose moves the milestone); a second answer changes nothing.
     */
    async recordAnswer(request: ClientRequest, event: NewEvent, at: Date, consequences: readonly NewEvent[] = []): Promise<void> {
      try {
        await db.send(new TransactWriteCommand({
          TransactItems: [
            answerRequest(request.id, at.toISOString()),
            { Put: { TableName, Item: eventItem(event, at) } },
            ...consequences.map((consequence) => ({ Put: { TableName, Item: eventItem(consequence, at) } })),
          ],
        }));
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        throw await refusedAnswer(request.id, `an answer to ${request.id}`);
      }
    },

    /**
     * Appends an event that must happen once (a checkpoint, say): a retried step finds its
     * marker and adds nothing. Returns false when it was already there.
     */
    async appendEventOnce(event: NewEvent, onceKey: string, at: Date): Promise<boolean> {
      try {
        await db.send(new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: { pk: `ENG#${event.engagementId}`, sk: `ONCE#${onceKey}`, at: at.toISOString() }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { Put: { TableName, Item: eventItem(event, at) } },
          ],
        }));
        return true;
      } catch (error) {
        if (error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed') return false;
        throw error;
      }
    },

    /**
     * Reserves this contact's retrospective survey for an engagement, unless they were surveyed
     * (for another engagement) within the cool-down. Asking again for the same engagement, as a
     * retried step does, gets the same answer.
     */
    async claimSurvey(contactEmail: string, engagementId: string, now: Date, cooldownDays: number): Promise<boolean> {
      try {
        await db.send(new PutCommand({
          TableName,
          Item: { pk: `CONTACT#${contactEmail}`, sk: 'SURVEY', engagementId, sentAt: now.toISOString() },
          ConditionExpression: 'attribute_not_exists(pk) OR sentAt < :cutoff OR engagementId = :me',
          ExpressionAttributeValues: { ':cutoff': new Date(now.getTime() - cooldownDays * DAY_SECONDS * 1000).toISOString(), ':me': engagementId },
        }));
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },

    /** Whether anything was logged after a moment: news the workflow must not sleep through. */
    async hasEventsSince(engagementId: string, since: string): Promise<boolean> {
      const { Items = [] } = await db.send(new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': `ENG#${engagementId}`, ':from': `EVT#${since}#~`, ':to': 'EVT#~' },
        Limit: 1,
        ConsistentRead: true,
      }));
      return Items.length > 0;
    },

    /** Remembers the task token of the engagement workflow's current wait, to wake it on news. */
    async setWakeToken(engagementId: string, taskToken: string): Promise<void> {
      await db.send(new UpdateCommand({
        TableName,
        Key: key.engagement(engagementId),
        UpdateExpression: 'SET wakeToken = :t',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':t': taskToken },
      }));
    },

    async getWakeToken(engagementId: string): Promise<string | undefined> {
      const { Item } = await db.send(new GetCommand({
        TableName, Key: key.engagement(engagementId), ProjectionExpression: 'wakeToken', ConsistentRead: true,
      }));
      return typeof Item?.wakeToken === 'string' ? Item.wakeToken : undefined;
    },

    async getKickoffAnswer(engagementId: string, version: number): Promise<KickoffAnswer | undefined> {
      const { Item } = await db.send(new GetCommand({ TableName, Key: key.answer(engagementId, version), ConsistentRead: true }));
      return Item ? parseItem(kickoffAnswerSchema, Item) : undefined;
    },

    async latestKickoffAnswer(engagementId: string): Promise<KickoffAnswer | undefined> {
      const { Items = [] } = await db.send(new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `ENG#${engagementId}`, ':prefix': 'KICKOFF#v' },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }));
      return Items[0] ? parseItem(kickoffAnswerSchema, Items[0]) : undefined;
    },

    /** The newest answer this contact gave on another engagement: what "never ask twice" reuses. */
    async latestAnswerOfContact(contactEmail: string, excludingEngagementId: string): Promise<KickoffAnswer | undefined> {
      const { Items = [] } = await db.send(new QueryCommand({
        TableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': `CONTACT#${contactEmail}`, ':prefix': 'KICKOFF#' },
        ScanIndexForward: false,
        Limit: 20,
      }));
      const item = Items.find((i) => i.engagementId !== excludingEngagementId);
      return item ? parseItem(kickoffAnswerSchema, item) : undefined;
    },

    async appendEvent(event: NewEvent, at: Date): Promise<void> {
      await db.send(new PutCommand({ TableName, Item: eventItem(event, at) }));
    },

    /** The whole log, oldest first. */
    async listEvents(engagementId: string): Promise<EngagementEvent[]> {
      const events: EngagementEvent[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await db.send(new QueryCommand({
          TableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `ENG#${engagementId}`, ':prefix': 'EVT#' },
          ExclusiveStartKey,
        }));
        for (const item of page.Items ?? []) events.push(parseItem(engagementEventSchema, item));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return events;
    },

    /**
     * Claims the right to send one message. Succeeds once per (engagement, purpose, sequence);
     * a claim left by an attempt that died mid-send can be taken over after its lease. The
     * claim id makes the later mark or release act only on the caller's own claim. `logEvent`,
     * the send's log entry without its message id, is kept for whoever completes the claim.
     */
    async claimSend(args: SendGuard & { to: string; now: Date; leaseSeconds: number; logEvent?: Omit<Extract<NewEvent, { type: 'email-sent' }>, 'messageId'> }): Promise<ClaimResult> {
      const Key = key.sent(args, args.purpose, args.sequence);
      const record: SentRecord = {
        status: 'sending',
        claimId: randomUUID(),
        to: args.to,
        claimedAt: args.now.toISOString(),
        leaseUntil: new Date(args.now.getTime() + args.leaseSeconds * 1000).toISOString(),
        ...(args.logEvent ? { logEvent: JSON.stringify(args.logEvent) } : {}),
      };
      try {
        await db.send(new PutCommand({
          TableName,
          Item: { ...Key, ...sentRecordSchema.parse(record), ttl: epochSeconds(args.now) + SEND_GUARD_TTL_SECONDS },
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :sending AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':now': args.now.toISOString() },
        }));
        return { claimed: true, claimId: record.claimId };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        const { Item } = await db.send(new GetCommand({ TableName, Key, ConsistentRead: true }));
        const existing = Item ? parseItem(sentRecordSchema, Item) : undefined;
        if (existing?.status === 'sent') return { claimed: false, messageId: existing.messageId };
        throw new InProgress(`sending ${args.purpose} #${args.sequence} of ${Key.pk}`);
      }
    },

    /**
     * SES reported a message sent under this claim (its Send event): if the claim is still
     * "sending", completes it and logs the send, as its attempt would have. An
     * attempt that died between SES taking the message and recording it is thus never followed
     * by a second send, and the message is in the log; an attempt still alive finds its send
     * recorded. A claim taken over since (another attempt, another message) is left alone.
     */
    async recordReportedSend(args: SendGuard & { claimId: string; messageId: string; at: Date }): Promise<void> {
      const { Item } = await db.send(new GetCommand({ TableName, Key: key.sent(args, args.purpose, args.sequence), ConsistentRead: true }));
      const claim = Item ? parseItem(sentRecordSchema, Item) : undefined;
      if (claim?.status !== 'sending' || claim.claimId !== args.claimId) return;
      const logged = claim.logEvent ? { ...(JSON.parse(claim.logEvent) as object), messageId: args.messageId } as NewEvent : undefined;
      try {
        await markSentOnce({ ...args, now: args.at, ...(logged ? { event: logged } : {}) });
      } catch (error) {
        // Completed by its attempt meanwhile.
        if (!(error instanceof TransactionCanceledException && error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed')) throw error;
      }
    },

    /**
     * Marks the claim as sent and logs the send (if it has a log), in one transaction. A
     * transaction that met a concurrent one on the record (the event recorder completing it) is
     * tried again. Done already for this very message (the recorder was first): nothing more to do.
     */
    async markSent(args: SendGuard & { claimId: string; messageId: string; event?: NewEvent; now: Date }): Promise<void> {
      for (let attempt = 1; ; attempt += 1) {
        try {
          await markSentOnce(args);
          return;
        } catch (error) {
          if (!(error instanceof TransactionCanceledException)) throw error;
          const conflict = error.CancellationReasons?.some((reason) => reason.Code === 'TransactionConflict');
          if (conflict && attempt < 5) {
            await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
            continue;
          }
          const { Item } = await db.send(new GetCommand({ TableName, Key: key.sent(args, args.purpose, args.sequence), ConsistentRead: true }));
          const existing = Item ? parseItem(sentRecordSchema, Item) : undefined;
          if (existing?.status !== 'sent' || existing.messageId !== args.messageId) throw error;
          return;
        }
      }
    },

    /** Gives the caller's claim back after a send that certainly failed, so a retry need not wait for the lease. */
    async releaseSend(args: SendGuard & { claimId: string }): Promise<void> {
      try {
        await db.send(new DeleteCommand({
          TableName,
          Key: key.sent(args, args.purpose, args.sequence),
          ConditionExpression: 'claimId = :claim AND #status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':sending': 'sending', ':claim': args.claimId },
        }));
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
    },
  };
}
