/**
 * Which Lambda function each `${…FunctionArn}` placeholder of each state machine stands for,
 * by handler file name in `functions/handlers/`. The CDK stack and the local runtime both
 * substitute from this one list, so a placeholder can't be wired in one world and not the other.
 */
export const STATE_MACHINES = {
  kickoff: {
    file: 'kickoff.asl.json',
    functions: {
      SendKickoffInviteFunctionArn: 'send-kickoff-invite',
      WaitForClientFunctionArn: 'wait-for-client',
      CheckClientAnswerFunctionArn: 'check-client-answer',
      EscalateKickoffFunctionArn: 'escalate-kickoff',
      SendWhatWeHeardFunctionArn: 'send-what-we-heard',
      FinishKickoffFunctionArn: 'finish-kickoff',
    },
  },
  engagement: {
    file: 'engagement.asl.json',
    functions: {
      PlanEngagementStepFunctionArn: 'plan-engagement-step',
      CarryOutEngagementStepFunctionArn: 'carry-out-engagement-step',
      WaitForEngagementNewsFunctionArn: 'wait-for-engagement-news',
      ContinueEngagementFunctionArn: 'continue-engagement',
    },
  },
} as const;

export type StateMachineName = keyof typeof STATE_MACHINES;
type FunctionsOf<M extends StateMachineName> = (typeof STATE_MACHINES)[M]['functions'];
/** Every handler some state machine invokes. */
export type StepFunctionName = { [M in StateMachineName]: FunctionsOf<M>[keyof FunctionsOf<M>] }[StateMachineName];
