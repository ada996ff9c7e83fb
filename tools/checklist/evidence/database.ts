/** Items 3 (APP-1), 5 (DATA-2), 6 (DATA-4), 7 (DATA-3) and 12 (ACC-1): the RDS instance. */
import { EDITIONS } from "../../../config/editions";
import { backupRetentionRange, CATALOGUE } from "../../../policy-pack/controls";
import {
  asBoolean,
  asNumber,
  describeRule,
  findById,
  isReferencedBy,
  list,
  ofType,
  prop,
  ResourceView,
  securityGroupRules,
  strings,
  T,
  tag,
} from "../resources";
import { EvidenceGatherer, Findings, StackFacts } from "./findings";

const MAX_ROTATION_DAYS = CATALOGUE.controls["APP-1"].values.maxRotationDays;

function databases(facts: StackFacts, found: Findings): ResourceView[] {
  const dbs = ofType(facts.resources, T.dbInstance);
  found.require(dbs, "RDS instance");
  return dbs;
}

/** Item 3, APP-1: no hand-typed password; an RDS-managed (or generated) secret, rotated in time. */
export const databasePassword: EvidenceGatherer = (facts) => {
  const found = new Findings();
  for (const db of databases(facts, found)) {
    const managed = asBoolean(prop(db, "manageMasterUserPassword")) === true;
    const typed = prop(db, "password") !== undefined;
    found.check(
      managed && !typed,
      db,
      "manageMasterUserPassword = true: RDS generates the master password and keeps it in Secrets Manager",
      typed
        ? "a password input (hand-typed or in state) instead of manageMasterUserPassword"
        : "manageMasterUserPassword is not true",
      {
        manageMasterUserPassword: prop(db, "manageMasterUserPassword"),
        masterUserSecretKmsKeyId: prop(db, "masterUserSecretKmsKeyId"),
      },
    );
  }
  for (const rotation of ofType(facts.resources, T.secretRotation)) {
    const days = asNumber(prop(rotation, "rotationRules.automaticallyAfterDays"));
    const schedule = prop(rotation, "rotationRules.scheduleExpression");
    found.check(
      days === undefined ? typeof schedule === "string" : days <= MAX_ROTATION_DAYS,
      rotation,
      `rotation every ${days ?? String(schedule)}${days === undefined ? "" : " days"}`,
      `rotation every ${days} days, more than ${MAX_ROTATION_DAYS}`,
      { rotationRules: prop(rotation, "rotationRules") },
    );
  }
  return found;
};

/** Item 5, DATA-2: storage encrypted, with the stack's customer-managed key in production. */
export const databaseEncryption: EvidenceGatherer = (facts) => {
  const found = new Findings();
  for (const db of databases(facts, found)) {
    const kmsKeyId = prop(db, "kmsKeyId");
    const keyNeeded =
      CATALOGUE.controls["DATA-2"].values.requireCustomerManagedKey[facts.settings.edition];
    found.check(
      asBoolean(prop(db, "storageEncrypted")) === true &&
        (!keyNeeded || typeof kmsKeyId === "string"),
      db,
      `storageEncrypted = true with ${typeof kmsKeyId === "string" ? `KMS key ${kmsKeyId}` : "the aws/rds key"}`,
      asBoolean(prop(db, "storageEncrypted")) === true
        ? "storage is not encrypted with a customer-managed key (kmsKeyId)"
        : "storageEncrypted is not true",
      {
        storageEncrypted: prop(db, "storageEncrypted"),
        kmsKeyId,
      },
    );
  }
  return found;
};

/** Item 6, DATA-4: Multi-AZ where the edition requires it (production); optional in the sandbox. */
export const databaseMultiAz: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const required = EDITIONS[facts.settings.edition].database.multiAzRequired;
  for (const db of databases(facts, found)) {
    const multiAz = asBoolean(prop(db, "multiAz")) === true;
    if (multiAz || !required) {
      found.fact(
        multiAz
          ? "multiAz = true: a synchronous standby in another AZ"
          : `multiAz = false: optional in the ${facts.settings.edition} edition (DATA-4)`,
        db,
        { multiAz },
      );
    } else {
      found.need(`multiAz is not true; the ${facts.settings.edition} edition requires it`, db);
    }
  }
  return found;
};

/** Item 7, DATA-3: retention within the guide's and the edition's bounds, window, final snapshot, tags. */
export const databaseBackups: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const { floor, ceiling } = backupRetentionRange(
    CATALOGUE,
    facts.settings.edition,
    facts.settings.complianceProfile,
  );
  for (const db of databases(facts, found)) {
    const days = asNumber(prop(db, "backupRetentionPeriod"));
    found.check(
      days !== undefined && days >= floor && days <= ceiling,
      db,
      `backupRetentionPeriod = ${days} days (${floor}-${ceiling} for ${facts.settings.edition}/${facts.settings.complianceProfile})`,
      `backupRetentionPeriod = ${days ?? "unset"} days; needs ${floor}-${ceiling}`,
      { backupRetentionPeriod: days },
    );
    const window = prop(db, "backupWindow");
    found.check(
      typeof window === "string",
      db,
      `backupWindow = ${String(window)} UTC`,
      "no explicit backupWindow in low-traffic hours",
      { backupWindow: window },
    );
    const finalSnapshot =
      asBoolean(prop(db, "skipFinalSnapshot")) === false &&
      typeof prop(db, "finalSnapshotIdentifier") === "string";
    found.check(
      finalSnapshot,
      db,
      `final snapshot ${String(prop(db, "finalSnapshotIdentifier"))} on delete`,
      "no final snapshot on delete (skipFinalSnapshot false with finalSnapshotIdentifier)",
      { skipFinalSnapshot: prop(db, "skipFinalSnapshot") },
    );
    found.check(
      asBoolean(prop(db, "copyTagsToSnapshot")) === true,
      db,
      "copyTagsToSnapshot = true",
      "copyTagsToSnapshot is not true",
    );
  }
  return found;
};

function parameterGroup(facts: StackFacts, db: ResourceView): ResourceView | undefined {
  const name = prop(db, "parameterGroupName");
  return ofType(facts.resources, T.dbParameterGroup).find((group) => isReferencedBy(group, name));
}

/** Item 12, ACC-1: not public, isolated subnets, app-tier group only, IAM auth, TLS enforced. */
export const databaseNotPublic: EvidenceGatherer = (facts) => {
  const found = new Findings();
  const rules = securityGroupRules(facts.resources).filter((rule) => rule.direction === "ingress");
  for (const db of databases(facts, found)) {
    found.check(
      asBoolean(prop(db, "publiclyAccessible")) === false,
      db,
      "publiclyAccessible = false",
      "publiclyAccessible is not false",
      { publiclyAccessible: prop(db, "publiclyAccessible") },
    );
    found.check(
      asBoolean(prop(db, "iamDatabaseAuthenticationEnabled")) === true,
      db,
      "iamDatabaseAuthenticationEnabled = true",
      "IAM database authentication is off",
    );
    const group = parameterGroup(facts, db);
    const forceSsl = group
      ? (list(prop(group, "parameters")).find(
          (p) => (p as Record<string, unknown>).name === "rds.force_ssl",
        ) as Record<string, unknown> | undefined)
      : undefined;
    if (group) {
      found.check(
        String(forceSsl?.value) === "1",
        group,
        "rds.force_ssl = 1: TLS required for every connection",
        "rds.force_ssl is not 1",
      );
    } else {
      found.need("no parameter group in the stack enforcing rds.force_ssl", db);
    }
    const subnetGroup = ofType(facts.resources, T.dbSubnetGroup).find((candidate) =>
      isReferencedBy(candidate, prop(db, "dbSubnetGroupName")),
    );
    const tiers = subnetGroup
      ? strings(prop(subnetGroup, "subnetIds")).map((id) => {
          const subnet = findById(ofType(facts.resources, T.subnet), id);
          return subnet ? tag(subnet, "Tier") : undefined;
        })
      : [];
    found.check(
      tiers.length > 0 && tiers.every((tierName) => tierName === "isolated"),
      subnetGroup ?? db,
      `subnets: ${tiers.join(", ")} (no route to the internet)`,
      "the subnet group is not made of isolated subnets",
    );
    for (const groupId of strings(prop(db, "vpcSecurityGroupIds"))) {
      const admitted = rules.filter((rule) => rule.groupId === groupId);
      const fromGroupsOnly =
        admitted.length > 0 &&
        admitted.every(
          (rule) =>
            rule.cidrs.length === 0 && rule.prefixLists.length === 0 && rule.peerGroups.length > 0,
        );
      found.check(
        fromGroupsOnly,
        db,
        `security group ${groupId}: ${admitted.map(describeRule).join("; ")}`,
        `security group ${groupId} admits ${admitted.length === 0 ? "nothing (the app cannot connect)" : admitted.map(describeRule).join("; ")}; only the app tier's group may connect`,
      );
    }
  }
  return found;
};
