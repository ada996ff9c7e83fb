/**
 * Where each writer puts its objects in the audit bucket (IAM-3, MON-3, IR-2). The bucket policy,
 * the Config delivery channel and the incident command must agree on these, so they live here.
 */

/** AWS Config's `s3KeyPrefix`; Config then writes under `config/AWSLogs/<account>/Config/`. */
export const CONFIG_KEY_PREFIX = "config";

/** CloudWatch Logs export tasks started by the incident command write under `exports/`. */
export const LOG_EXPORT_PREFIX = "exports";

/** CloudTrail writes under `AWSLogs/<account>/` (no trail prefix). */
export function cloudTrailObjectPrefix(accountId: string): string {
  return `AWSLogs/${accountId}/`;
}

/** Config writes under `<prefix>/AWSLogs/<account>/Config/`. */
export function configObjectPrefix(accountId: string): string {
  return `${CONFIG_KEY_PREFIX}/AWSLogs/${accountId}/Config/`;
}

/** One export per isolation: `exports/<instance>/<ISO time without colons>`. */
export function logExportPrefix(instanceId: string, at: Date): string {
  return `${LOG_EXPORT_PREFIX}/${instanceId}/${at.toISOString().replace(/[:.]/g, "-")}`;
}
