/**
 * Where each milestone stands, in the client's terms, derived from the event log: planned, in
 * progress, delivered and awaiting the client's confirmation, confirmed, or reopened (the
 * client said it did not arrive or is not what they needed). A milestone counts as done only
 * when the client confirms it; "delivered" is not "done".
 */
import type { Engagement, Milestone } from './engagement.js';
import type { EngagementEvent } from './events.js';

export const MILESTONE_STATES = ['planned', 'in-progress', 'awaiting-confirmation', 'confirmed', 'reopened'] as const;
export type MilestoneState = (typeof MILESTONE_STATES)[number];

export interface MilestoneStatus {
  milestone: Milestone;
  /** The due date in force: the latest shift, else the plan. */
  due: string;
  state: MilestoneState;
  /** How many times it was delivered (a redelivery after a rejection counts again). */
  deliveries: number;
  lastDeliveredAt?: string;
  confirmedAt?: string;
  rejection?: { reason: 'not-received' | 'not-what-i-needed'; at: string; text?: string };
}

const byTime = (a: EngagementEvent, b: EngagementEvent) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id);

export function milestoneStatuses(engagement: Engagement, events: readonly EngagementEvent[]): MilestoneStatus[] {
  const ordered = [...events].sort(byTime);
  const statuses = engagement.milestones.map((milestone): MilestoneStatus => ({ milestone, due: milestone.due, state: 'planned', deliveries: 0 }));
  const of = (id: string) => statuses.find((s) => s.milestone.id === id);

  for (const event of ordered) {
    if (event.type === 'deadline-shifted') {
      const status = of(event.milestoneId);
      if (status) status.due = event.newDue;
    } else if (event.type === 'milestone-delivered') {
      const status = of(event.milestoneId);
      if (!status) continue;
      status.deliveries += 1;
      status.lastDeliveredAt = event.at;
      status.state = 'awaiting-confirmation';
      delete status.rejection;
      delete status.confirmedAt;
    } else if (event.type === 'outcome-confirmed') {
      const status = of(event.milestoneId);
      if (!status || status.deliveries === 0) continue;
      status.state = 'confirmed';
      status.confirmedAt = event.at;
      delete status.rejection;
    } else if (event.type === 'outcome-rejected') {
      const status = of(event.milestoneId);
      if (!status || status.deliveries === 0) continue;
      status.state = 'reopened';
      status.rejection = { reason: event.reason, at: event.at, ...(event.text ? { text: event.text } : {}) };
      delete status.confirmedAt;
    }
  }

  // The earliest milestone not yet delivered is the one being worked on.
  const current = statuses
    .filter((s) => s.state === 'planned')
    .sort((a, b) => a.due.localeCompare(b.due))[0];
  if (current) current.state = 'in-progress';
  return statuses;
}

/** The key of one delivery of a milestone: what a confirmation request and its answer refer to. */
export const deliveryRef = (milestoneId: string, delivery: number) => `${milestoneId}#${delivery}`;
