/**
 * The single table's physical design, shared by the CDK stack and the local runtime so both
 * create exactly the same table. Key layout (pk / sk):
 *
 *   ENG#<id>            META                        the engagement           gsi1: MGR#<managerId> / ENG#<createdAt>#<id>
 *   ENG#<id>            KICKOFF#v<0001>             one kickoff answer version (never overwritten)
 *   ENG#<id>            EVT#<at>#<id>               an event of the append-only log
 *   ENG#<id>            SENT#<purpose>#<seq>        the guard of one email (sent at most once)
 *   MGR#<managerId>     SENT#<purpose>#<seq>        the guard of one email to a manager about many engagements (the digest)
 *   REQ#<requestId>     REQ                         a human step the workflow waits for (holds the task token)
 *   CONTACT#<email>     KICKOFF#<at>#<engagementId> pointer to a contact's answer, to prefill later forms
 *   ENG#<id>            DRIFT                       the stored drift snapshot        gsi2: PORTFOLIO#<open|closed> / <score:000>#<id>
 *                                                                                    gsi3: MGR#<managerId>#<open|closed> / <score:000>#<id>
 *   MANAGERS            MGR#<managerId>             one manager's drift totals (count, score sum, with open findings; open and closed)
 *
 * The portfolio indexes hold one small summary per engagement (the snapshot's body is not
 * projected), sorted by score, so any page of the portfolio, whole or one manager's, is one
 * Query, most drift first. The managers' totals change in the same transaction as the
 * snapshot, so the portfolio's per-manager figures need no pass over every engagement.
 *
 * The table's stream (keys only) tells the drift refresher which engagements' logs changed;
 * `DRIFT_SOURCE_PREFIXES` are the sort keys of the items a snapshot is computed from.
 *
 * `ttl` (epoch seconds) expires requests well after their links have expired, and send guards
 * once no retry or redrive can need them.
 */
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'ttl',
  stream: 'KEYS_ONLY',
  indexes: [
    { name: 'byManager', partitionKey: 'gsi1pk', sortKey: 'gsi1sk', include: undefined },
    { name: 'byPortfolio', partitionKey: 'gsi2pk', sortKey: 'gsi2sk', include: ['summary'] },
    { name: 'byManagerDrift', partitionKey: 'gsi3pk', sortKey: 'gsi3sk', include: ['summary'] },
  ],
} as const;

/** Items whose writes change an engagement's drift: its log, its expectations, its record. */
export const DRIFT_SOURCE_PREFIXES = ['EVT#', 'KICKOFF#', 'META'] as const;
