/**
 * Calls to AWS with backoff on throttling, and a clear "cannot verify" for missing permissions: a
 * check that could not look must never read as a PASS.
 */

/** Error names AWS services use for throttling (EC2 says RequestLimitExceeded, most others Throttling*). */
const THROTTLING = new Set([
  "Throttling",
  "ThrottlingException",
  "ThrottledException",
  "RequestLimitExceeded",
  "TooManyRequestsException",
  "RequestThrottled",
  "RequestThrottledException",
  "SlowDown",
  "PriorRequestNotComplete",
]);
/** Error names for a caller without the permission (EC2 says UnauthorizedOperation; Query APIs AccessDenied). */
const DENIED = new Set([
  "AccessDenied",
  "AccessDeniedException",
  "UnauthorizedOperation",
  "UnauthorizedAccess",
  "AuthorizationError",
  "AuthorizationErrorException",
  "NotAuthorized",
]);

interface AwsError {
  name?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

function nameOf(error: unknown): string {
  const aws = error as AwsError;
  return aws?.name ?? aws?.Code ?? "";
}

export function isThrottling(error: unknown): boolean {
  return THROTTLING.has(nameOf(error)) || (error as AwsError)?.$metadata?.httpStatusCode === 429;
}

export function isAccessDenied(error: unknown): boolean {
  return DENIED.has(nameOf(error)) || (error as AwsError)?.$metadata?.httpStatusCode === 403;
}

/** A check could not be made (missing permission, or what to check is not in the stack outputs). */
export class CannotVerify extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CannotVerify";
  }
}

export interface RetryOptions {
  /** Attempts in all, the first included. Default 5. */
  readonly attempts?: number;
  /** First backoff in ms, doubled per attempt with full jitter. Default 200. */
  readonly baseDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
}

const defaultSleep = (ms: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `call`, retrying throttling errors with exponential backoff and full jitter; turns a
 * permission error into `CannotVerify` naming the API (`what`) so the report says which permission.
 */
export async function awsCall<T>(
  what: string,
  call: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 200;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (isAccessDenied(error)) {
        throw new CannotVerify(
          `${what}: access denied (${nameOf(error) || "403"}); grant the caller ${what} to verify this`,
        );
      }
      if (!isThrottling(error) || attempt >= attempts) {
        if (isThrottling(error)) {
          throw new CannotVerify(`${what}: still throttled after ${attempts} attempts`);
        }
        throw error;
      }
      await sleep(Math.floor(random() * base * 2 ** (attempt - 1)));
    }
  }
}
