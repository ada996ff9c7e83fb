// What makes S3 data public through ACLs, and the four public-access-block switches that stop it.
import { asString, get } from "./values";

/** The four S3 Block Public Access settings, the same at account, bucket and access-point scope. */
export const PUBLIC_ACCESS_BLOCK_FLAGS = [
  "blockPublicAcls",
  "blockPublicPolicy",
  "ignorePublicAcls",
  "restrictPublicBuckets",
] as const;

/** Canned ACLs that grant the world (AllUsers) or any AWS account (AuthenticatedUsers). */
export const PUBLIC_CANNED_ACLS = ["public-read", "public-read-write", "authenticated-read"];

const PUBLIC_GRANTEE_URI = /\/global\/(AllUsers|AuthenticatedUsers)$/i;

/** The canned ACL, lower-cased, when it is public; undefined otherwise. */
export function publicCannedAcl(v: unknown): string | undefined {
  // Stryker disable next-line StringLiteral: any fallback text but a public ACL's name reads as private (equivalent)
  const acl = (asString(v) ?? "").trim().toLowerCase();
  return PUBLIC_CANNED_ACLS.includes(acl) ? acl : undefined;
}

/** The grantee URI of a grant ({uri} or {grantee: {uri}}) when it is a public group. */
export function publicGrantee(grant: unknown): string | undefined {
  const uri = (
    asString(get(grant, "uri")) ??
    asString(get(get(grant, "grantee"), "uri")) ??
    // Stryker disable next-line StringLiteral: any fallback text but a public group's URI reads as private (equivalent)
    ""
  ).trim();
  return PUBLIC_GRANTEE_URI.test(uri) ? uri : undefined;
}
