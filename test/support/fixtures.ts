/** Valid domain values built through the zod schemas, for tests to vary from. */
import { expectationsSchema, type Expectations } from '../../functions/domain/expectations.js';
import { kickoffFormValues, type FormInput } from '../../functions/domain/kickoff.js';

export const validExpectations = (): Expectations => expectationsSchema.parse({
  process: {
    involvement: 'informed',
    milestoneApprovalRequired: true,
    workingHours: { start: '09:00', end: '18:00', days: ['mon', 'tue', 'wed', 'thu', 'fri'], timeZone: 'Europe/Berlin' },
    decisionMaker: 'Maria Petrova, head of marketing',
  },
  pace: { updateCadenceDays: 7, maxSilenceDays: 10, responseTimeHours: 24, slipNoticeDays: 5, dueDateToleranceDays: 2 },
  channels: { regular: 'meeting', informational: 'email', emergency: 'phone' },
  outcome: {
    businessResult: 'More online orders for our bakery, especially for cakes',
    successSignal: 'Online cake orders double within three months of launch',
    confirmationWindowDays: 5,
  },
  scope: { bonusUpToHours: 4, largerRequests: 'client-chooses', alwaysDeclined: 'Print design' },
});

/** The kickoff form as a browser would post it for `validExpectations()`. */
export const validKickoffForm = (overrides: FormInput = {}): FormInput => ({ ...kickoffFormValues(validExpectations()), ...overrides });
