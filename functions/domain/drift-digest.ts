/**
 * The daily pre-drift digest: for each manager, the promises to their clients that fall due
 * before the next digest has had a day to help, so drift is prevented, not only reported.
 *
 * Contract: pure. A warning is in the digest when its deadline is after "now" and at most
 * `DIGEST_HORIZON_HOURS` later; closed engagements have none. A manager with nothing due gets
 * no digest. Items are ordered by deadline, engagements by their first deadline, managers by id.
 * A digest run belongs to the local date of its scheduled time (`digestDay`), which is what
 * "one a day" counts; `nextDigestAt` is when the next run is due.
 */
import type { DriftSnapshot } from './drift-snapshot.js';
import type { Warning } from './drift/index.js';
import { HOUR_MS, isoDateOf, localTime, zonedTimeToInstant } from './zoned-time.js';

/** Two days: what is due before tomorrow's digest, and what tomorrow's digest would be too late for. */
export const DIGEST_HORIZON_HOURS = 48;

/** When the digest goes out unless configured otherwise: 07:00, before the working day. */
export const DEFAULT_DIGEST_HOUR = 7;

export interface DigestEngagement {
  engagementId: string;
  title: string;
  clientName: string;
  /** Each due promise with the words for its subject. */
  due: Array<{ warning: Warning; subject: string }>;
}

export interface ManagerDigest {
  managerId: string;
  managerName: string;
  managerEmail: string;
  engagements: DigestEngagement[];
}

export function digestsOf(snapshots: ReadonlyArray<Pick<DriftSnapshot, 'summary' | 'warnings' | 'subjects'>>, now: Date): ManagerDigest[] {
  const from = now.getTime();
  const until = from + DIGEST_HORIZON_HOURS * HOUR_MS;
  const byManager = new Map<string, ManagerDigest>();
  for (const { summary, warnings, subjects } of snapshots) {
    if (summary.status === 'closed') continue;
    const due = warnings
      .filter((w) => { const at = Date.parse(w.deadline); return at > from && at <= until; })
      .sort((a, b) => a.deadline.localeCompare(b.deadline))
      .map((warning) => ({ warning, subject: subjects[warning.subject] ?? warning.subject }));
    if (due.length === 0) continue;
    const digest = byManager.get(summary.managerId) ?? {
      managerId: summary.managerId, managerName: summary.managerName, managerEmail: summary.managerEmail, engagements: [],
    };
    digest.engagements.push({ engagementId: summary.engagementId, title: summary.title, clientName: summary.clientName, due });
    byManager.set(summary.managerId, digest);
  }
  const firstDeadline = (e: DigestEngagement) => e.due[0]?.warning.deadline ?? '';
  return [...byManager.values()]
    .map((d) => ({ ...d, engagements: d.engagements.sort((a, b) => firstDeadline(a).localeCompare(firstDeadline(b)) || a.engagementId.localeCompare(b.engagementId)) }))
    .sort((a, b) => a.managerId.localeCompare(b.managerId));
}

/** The local date (`YYYY-MM-DD`) a run scheduled at `scheduledAt` belongs to. */
export const digestDay = (scheduledAt: Date, timeZone: string): string => isoDateOf(localTime(timeZone, scheduledAt.getTime()).day);

/** The first moment after `now` when the local clock in `timeZone` reads `hour`:00. */
export function nextDigestAt(now: Date, timeZone: string, hour: number): Date {
  const today = localTime(timeZone, now.getTime()).day;
  for (let day = today; ; day += 1) {
    const at = zonedTimeToInstant(`${isoDateOf(day)}T${String(hour).padStart(2, '0')}:00`, timeZone);
    if (at && at.getTime() > now.getTime()) return at;
  }
}
