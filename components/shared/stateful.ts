/**
 * The one place that says how resources holding data are protected and what a teardown leaves
 * behind (DATA-3, CMP-3; README, Operations, "Tear down"). Every component asks here, so a stack is
 * either fully protected or, with `decision-control:teardown: true`, fully ready for `pulumi destroy`.
 *
 * - `protect` (Pulumi: "it will be an error to do a Pulumi deployment which tries to delete a
 *   protected resource") is on unless `teardown` is true. Lifting it takes a committed config change
 *   and a `pulumi up`, never a `pulumi state unprotect` outside review.
 * - `retainOnDelete` (Pulumi: Delete is not called; the resource leaves the state and stays in AWS)
 *   marks what outlives the stack: the KMS key that can still decrypt the data kept, the audit and
 *   access-log buckets with the configuration that hardens them, and the log groups that must keep
 *   their records for the edition's retention.
 */
import * as pulumi from "@pulumi/pulumi";

export type StatefulOptions = Pick<pulumi.CustomResourceOptions, "protect" | "retainOnDelete">;

/** A stateful resource `pulumi destroy` deletes once a teardown is set (the RDS instance). */
export function deletedOnTeardown(teardown: boolean): StatefulOptions {
  return { protect: !teardown };
}

/** A stateful resource that stays in AWS after `pulumi destroy` (bucket, key, log group). */
export function keptAfterTeardown(teardown: boolean): StatefulOptions {
  return { protect: !teardown, retainOnDelete: true };
}

/**
 * Configuration of a kept resource (a bucket's encryption, policy, public-access block...): a
 * destroy must not strip the hardening from a bucket that stays. No `protect` of its own: it holds
 * no data, and a teardown must not stop at it.
 */
export const KEPT_WITH_ITS_RESOURCE: StatefulOptions = Object.freeze({ retainOnDelete: true });
