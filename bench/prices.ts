/**
 * AWS list prices the cost benchmark multiplies counted usage by: us-east-1, on-demand, no free
 * tier deducted, no savings plan. Each constant names the pricing page it comes from, as the
 * page stood on `PRICES_AS_OF`. Prices change: check the pages before quoting a figure built
 * on them.
 */
export const PRICES_REGION = 'us-east-1';
export const PRICES_AS_OF = '2025-06-01';

/** "AWS Step Functions Pricing", Standard Workflows: $0.025 per 1,000 state transitions (retries included). */
export const STEP_FUNCTIONS_PER_TRANSITION = 0.025 / 1_000;

/** "AWS Lambda Pricing", Arm, first 7.5 billion GB-seconds a month: $0.0000133334 per GB-second. */
export const LAMBDA_ARM_PER_GB_SECOND = 0.000_013_333_4;

/** "AWS Lambda Pricing": $0.20 per million requests. */
export const LAMBDA_PER_REQUEST = 0.2 / 1_000_000;

/** "Amazon API Gateway Pricing", HTTP APIs, first 300 million requests a month: $1.00 per million. */
export const HTTP_API_PER_REQUEST = 1 / 1_000_000;

/** "Amazon DynamoDB Pricing for On-Demand Capacity", Standard table class: $0.125 per million read request units. */
export const DYNAMODB_PER_READ_UNIT = 0.125 / 1_000_000;

/** "Amazon DynamoDB Pricing for On-Demand Capacity", Standard table class: $0.625 per million write request units. */
export const DYNAMODB_PER_WRITE_UNIT = 0.625 / 1_000_000;

/** "Amazon Simple Email Service Pricing", outbound email: $0.10 per 1,000 emails (each recipient counts as one). */
export const SES_PER_EMAIL = 0.1 / 1_000;

/** "Amazon EventBridge Pricing", Scheduler: $1.00 per million scheduled invocations. */
export const SCHEDULER_PER_INVOCATION = 1 / 1_000_000;

/** "AWS Secrets Manager Pricing": $0.05 per 10,000 API calls. */
export const SECRETS_MANAGER_PER_CALL = 0.05 / 10_000;

/** "AWS X-Ray Pricing": $5.00 per million traces recorded. */
export const XRAY_PER_TRACE = 5 / 1_000_000;
