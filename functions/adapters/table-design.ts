/**
 * The single table's physical design, shared by the CDK stack and the local runtime so both
 * create exactly the same table. Key layout (pk / sk):
 *
 *   ENG#<id>            META                        the engagement           gsi1: MGR#<managerId> / ENG#<createdAt>#<id>
 *   ENG#<id>            KICKOFF#v<0001>             one kickoff answer version (never overwritten)
 *   ENG#<id>            EVT#<at>#<id>               an event of the append-only log
 *   ENG#<id>            SENT#<purpose>#<seq>        the guard of one email (sent at most once)
 *   REQ#<requestId>     REQ                         a human step the workflow waits for (holds the task token)
 *   CONTACT#<email>     KICKOFF#<at>#<engagementId> pointer to a contact's answer, to prefill later forms
 *
 * `ttl` (epoch seconds) expires requests well after their links have expired, and send guards
 * once no retry or redrive can need them.
 */
export const TABLE_DESIGN = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'ttl',
  indexes: [
    { name: 'byManager', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  ],
} as const;
