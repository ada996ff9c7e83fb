/** The live checks of the database items: password, encryption, Multi-AZ, backups, exposure. */
import { EDITIONS } from "../../../config/editions";
import { backupRetentionRange, CATALOGUE } from "../../../policy-pack/controls";
import { database } from "../context";
import { check } from "./check";

/** Item 3, APP-1: the master password is an RDS-managed secret. */
export const liveDatabasePassword = check(async (found, ctx) => {
  const db = await database(ctx);
  const secret = db.MasterUserSecret;
  if (secret?.SecretArn) {
    found.fact(`master password managed by RDS in ${secret.SecretArn} (${secret.SecretStatus})`);
  } else {
    found.need(`${db.DBInstanceIdentifier}: no RDS-managed master user secret`);
  }
});

/** Items 5-7 and 12 read the same DescribeDBInstances answer. */
export const liveDatabaseEncryption = check(async (found, ctx) => {
  const db = await database(ctx);
  if (db.StorageEncrypted === true) {
    found.fact(`${db.DBInstanceIdentifier}: StorageEncrypted true with ${db.KmsKeyId}`);
  } else {
    found.need(`${db.DBInstanceIdentifier}: StorageEncrypted is false`);
  }
});

export const liveMultiAz = check(async (found, ctx) => {
  const db = await database(ctx);
  if (db.MultiAZ === true || !EDITIONS[ctx.settings.edition].database.multiAzRequired) {
    found.fact(
      `${db.DBInstanceIdentifier}: MultiAZ ${db.MultiAZ}${db.MultiAZ ? "" : ` (optional in ${ctx.settings.edition})`}`,
    );
  } else {
    found.need(`${db.DBInstanceIdentifier}: MultiAZ is false; ${ctx.settings.edition} requires it`);
  }
});

export const liveBackups = check(async (found, ctx) => {
  const db = await database(ctx);
  const { floor, ceiling } = backupRetentionRange(
    CATALOGUE,
    ctx.settings.edition,
    ctx.settings.complianceProfile,
  );
  const days = db.BackupRetentionPeriod ?? 0;
  if (days >= floor && days <= ceiling) {
    found.fact(
      `${db.DBInstanceIdentifier}: BackupRetentionPeriod ${days} days, window ${db.PreferredBackupWindow}`,
    );
  } else {
    found.need(
      `${db.DBInstanceIdentifier}: BackupRetentionPeriod ${days} days; needs ${floor}-${ceiling}`,
    );
  }
  if (db.CopyTagsToSnapshot !== true) {
    found.need(`${db.DBInstanceIdentifier}: CopyTagsToSnapshot is false`);
  }
});

export const liveDatabaseNotPublic = check(async (found, ctx) => {
  const db = await database(ctx);
  if (db.PubliclyAccessible === false) {
    found.fact(`${db.DBInstanceIdentifier}: PubliclyAccessible false`);
  } else {
    found.need(`${db.DBInstanceIdentifier}: PubliclyAccessible is true`);
  }
  if (db.IAMDatabaseAuthenticationEnabled !== true) {
    found.need(`${db.DBInstanceIdentifier}: IAM database authentication is off`);
  }
  const groups = (db.VpcSecurityGroups ?? []).map((group) => group.VpcSecurityGroupId);
  if (groups.length === 1 && groups[0] === ctx.outputs.databaseSecurityGroupId) {
    found.fact(`${db.DBInstanceIdentifier}: only security group ${groups[0]}`);
  } else {
    found.need(
      `${db.DBInstanceIdentifier}: security groups ${groups.join(", ")}, expected only ${ctx.outputs.databaseSecurityGroupId}`,
    );
  }
});
