/**
 * The errors the local Step Functions API answers with. Each name is the `__type` AWS sends,
 * so the SDK raises an exception whose `name` is exactly this name.
 */
export type ServiceErrorName =
  | 'ExecutionAlreadyExists'
  | 'ExecutionDoesNotExist'
  | 'ExecutionLimitExceeded'
  | 'ExecutionNotRedrivable'
  | 'InvalidArn'
  | 'InvalidExecutionInput'
  | 'InvalidName'
  | 'InvalidOutput'
  | 'InvalidToken'
  | 'SerializationException'
  | 'StateMachineDoesNotExist'
  | 'TaskDoesNotExist'
  | 'TaskTimedOut'
  | 'UnknownOperationException'
  | 'ValidationException';

export class ServiceError extends Error {
  override readonly name: ServiceErrorName;

  constructor(name: ServiceErrorName, message: string) {
    super(message);
    this.name = name;
  }
}
