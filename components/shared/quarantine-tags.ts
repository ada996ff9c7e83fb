/**
 * The tags the isolate command puts on an instance it isolates (IR-1). The sandbox program reads
 * them too: an instance tagged `Quarantine=true` was cut off by the command, and `pulumi up` must
 * neither undo that nor strip the tags (components/app/quarantine.ts).
 */
export const QUARANTINE_TAG = "Quarantine";
export const QUARANTINE_TAG_KEYS = [QUARANTINE_TAG, "QuarantineReason", "QuarantineTime"] as const;
