import { assertBlocks, assertPasses, res, run } from "../helpers";

const DB = "aws:rds/instance:Instance";
const CLUSTER = "aws:rds/cluster:Cluster";

const goodDb = (): Record<string, unknown> => ({
  identifier: "db",
  engine: "postgres",
  instanceClass: "db.t4g.micro",
  storageEncrypted: true,
  kmsKeyId: "arn:aws:kms:eu-west-1:1:key/k",
  manageMasterUserPassword: true,
  publiclyAccessible: false,
  iamDatabaseAuthenticationEnabled: true,
  backupRetentionPeriod: 14,
  multiAz: true,
  deletionProtection: true,
  skipFinalSnapshot: false,
  finalSnapshotIdentifier: "db-final",
  copyTagsToSnapshot: true,
});

function without(key: string): Record<string, unknown> {
  const p = goodDb();
  delete p[key];
  return p;
}

describe("policies/database", () => {
  it("ACC-1..DATA-4: a well-configured instance passes every database policy", () => {
    const r = run(res(DB, goodDb()));
    for (const name of [
      "rds-not-publicly-accessible",
      "rds-storage-encrypted",
      "rds-backup-retention",
      "rds-final-snapshot",
      "rds-deletion-protection",
      "rds-multi-az",
      "rds-iam-authentication",
      "rds-no-plaintext-password",
      "rds-copy-tags-to-snapshot",
    ]) {
      assertPasses(r, name);
    }
  });
  it("ACC-1: blocks a publicly accessible instance and Aurora cluster instance", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), publiclyAccessible: true })),
      "rds-not-publicly-accessible",
      /publiclyAccessible true/,
    );
    assertBlocks(
      run(
        res("aws:rds/clusterInstance:ClusterInstance", {
          clusterIdentifier: "c",
          instanceClass: "db.r6g.large",
          engine: "aurora-postgresql",
          publiclyAccessible: "true",
        }),
      ),
      "rds-not-publicly-accessible",
    );
  });
  it("DATA-2: blocks unencrypted storage on instances and clusters", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), storageEncrypted: false })),
      "rds-storage-encrypted",
      /storageEncrypted false/,
    );
    assertBlocks(
      run(res(CLUSTER, { engine: "aurora-postgresql", kmsKeyId: "k" })),
      "rds-storage-encrypted",
      /unset/,
    );
  });
  it("DATA-2: production requires a customer-managed key; sandbox does not", () => {
    assertBlocks(run(res(DB, without("kmsKeyId"))), "rds-storage-encrypted", /customer-managed/);
    assertBlocks(run(res(DB, { ...goodDb(), kmsKeyId: "alias/aws/rds" })), "rds-storage-encrypted");
    assertPasses(
      run(res(DB, without("kmsKeyId")), {
        "rds-storage-encrypted": { requireCustomerManagedKey: false },
      }),
      "rds-storage-encrypted",
    );
  });
  it("DATA-3: backup retention below the profile minimum blocks (production 14, sandbox 7)", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), backupRetentionPeriod: 7 })),
      "rds-backup-retention",
      /at least 14/,
    );
    assertPasses(
      run(res(DB, { ...goodDb(), backupRetentionPeriod: "7" }), {
        "rds-backup-retention": { minBackupRetentionDays: 7 },
      }),
      "rds-backup-retention",
    );
    assertBlocks(
      run(res(DB, without("backupRetentionPeriod")), {
        "rds-backup-retention": { minBackupRetentionDays: 7 },
      }),
      "rds-backup-retention",
    );
  });
  it("DATA-3: blocks skipFinalSnapshot true and a missing finalSnapshotIdentifier", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), skipFinalSnapshot: true })),
      "rds-final-snapshot",
      /skipFinalSnapshot true/,
    );
    assertBlocks(
      run(res(DB, without("finalSnapshotIdentifier"))),
      "rds-final-snapshot",
      /finalSnapshotIdentifier/,
    );
  });
  it("DATA-3: blocks deletion protection off; copy-tags is advisory", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), deletionProtection: false })),
      "rds-deletion-protection",
    );
    const r = run(res(DB, without("copyTagsToSnapshot")));
    assertPasses(
      { ...r, violations: r.violations.filter((v) => v.enforcementLevel === "mandatory") },
      "rds-copy-tags-to-snapshot",
    );
  });
  it("DATA-4: Multi-AZ is mandatory in production and advisory in sandbox", () => {
    assertBlocks(run(res(DB, { ...goodDb(), multiAz: false })), "rds-multi-az");
    const r = run(res(DB, { ...goodDb(), multiAz: false }), { "rds-multi-az": "advisory" });
    assertPasses(
      { ...r, violations: r.violations.filter((v) => v.enforcementLevel === "mandatory") },
      "rds-multi-az",
    );
  });
  it("ACC-1: blocks IAM auth off on postgres, ignores engines without IAM auth", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), iamDatabaseAuthenticationEnabled: false })),
      "rds-iam-authentication",
    );
    assertPasses(
      run(
        res(DB, { ...goodDb(), engine: "sqlserver-se", iamDatabaseAuthenticationEnabled: false }),
      ),
      "rds-iam-authentication",
    );
  });
  it("APP-1: blocks a plain-text password on instances and clusters; passwordWo passes", () => {
    assertBlocks(
      run(res(DB, { ...goodDb(), manageMasterUserPassword: undefined, password: "changeme123" })),
      "rds-no-plaintext-password",
      /value hidden/,
    );
    assertBlocks(
      run(res(CLUSTER, { engine: "aurora-postgresql", masterPassword: "x" })),
      "rds-no-plaintext-password",
    );
    assertPasses(
      run(
        res(DB, {
          ...goodDb(),
          manageMasterUserPassword: undefined,
          passwordWo: "x",
          passwordWoVersion: 1,
        }),
      ),
      "rds-no-plaintext-password",
    );
  });
  it("ACC-1: blocks rds.force_ssl 0 in a parameter group and passes 1", () => {
    assertBlocks(
      run(
        res("aws:rds/parameterGroup:ParameterGroup", {
          family: "postgres16",
          parameters: [{ name: "rds.force_ssl", value: "0" }],
        }),
      ),
      "rds-force-ssl",
    );
    assertBlocks(
      run(
        res("aws:rds/clusterParameterGroup:ClusterParameterGroup", {
          family: "aurora-postgresql16",
          parameters: [{ name: "RDS.FORCE_SSL", value: 0 }],
        }),
      ),
      "rds-force-ssl",
    );
    assertPasses(
      run(
        res("aws:rds/parameterGroup:ParameterGroup", {
          family: "postgres16",
          parameters: [{ name: "rds.force_ssl", value: "1" }],
        }),
      ),
      "rds-force-ssl",
    );
  });

  describe("stack level", () => {
    const sg = (name: string, props: Record<string, unknown> = {}) =>
      res("aws:ec2/securityGroup:SecurityGroup", { vpcId: "v", ...props }, name);
    const db = res(DB, { ...goodDb(), vpcSecurityGroupIds: ["db-sg-id"] }, "db");
    const alarm = res(
      "aws:cloudwatch/metricAlarm:MetricAlarm",
      {
        namespace: "AWS/RDS",
        metricName: "CPUUtilization",
        dimensions: { DBInstanceIdentifier: "db" },
      },
      "alarm",
    );
    it("ACC-1: blocks a CIDR source on the database SG through a separate rule, passes an SG reference", () => {
      const bad = res(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        {
          securityGroupId: "db-sg-id",
          ipProtocol: "tcp",
          fromPort: 5432,
          toPort: 5432,
          cidrIpv4: "10.0.0.0/8",
        },
        "db-from-corp",
      );
      assertBlocks(run([db, alarm, sg("db-sg"), bad]), "rds-sg-only-from-app-tier", /db-from-corp/);
      const good = res(
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        {
          securityGroupId: "db-sg-id",
          ipProtocol: "tcp",
          fromPort: 5432,
          toPort: 5432,
          referencedSecurityGroupId: "app-sg-id",
        },
        "db-from-app",
      );
      assertPasses(run([db, alarm, sg("db-sg"), sg("app-sg"), good]), "rds-sg-only-from-app-tier");
    });
    it("ACC-1: unions inline rules of the database SG with separate ones", () => {
      const inline = sg("db-sg", {
        ingress: [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] }],
      });
      assertBlocks(run([db, alarm, inline]), "rds-sg-only-from-app-tier", /the internet/);
    });
    it("MON-1: blocks an RDS instance without a MetricAlarm on its DBInstanceIdentifier", () => {
      assertBlocks(run([db]), "rds-has-alarms", /'db'/);
      assertBlocks(
        run([
          db,
          res(
            "aws:cloudwatch/metricAlarm:MetricAlarm",
            { dimensions: { DBInstanceIdentifier: "other" } },
            "x",
          ),
        ]),
        "rds-has-alarms",
      );
      assertPasses(run([db, alarm]), "rds-has-alarms");
    });
  });
});

describe("policies/database: PostgreSQL TLS (stack level)", () => {
  const pg = (props: Record<string, unknown>) =>
    res("aws:rds/instance:Instance", { engine: "postgres", ...props }, "pg");
  const group = (value: string) =>
    res(
      "aws:rds/parameterGroup:ParameterGroup",
      { family: "postgres14", parameters: [{ name: "rds.force_ssl", value }] },
      "pg-params",
    );
  it("ACC-1: blocks PostgreSQL 14 on the default parameter group, and on a group without rds.force_ssl 1", () => {
    assertBlocks(run(pg({ engineVersion: "14.12" })), "rds-postgres-tls-enforced", /force_ssl/);
    assertBlocks(
      run([
        pg({ engineVersion: "14", parameterGroupName: "pg-params-id" }),
        res(
          "aws:rds/parameterGroup:ParameterGroup",
          { family: "postgres14", parameters: [] },
          "pg-params",
        ),
      ]),
      "rds-postgres-tls-enforced",
    );
  });
  it("ACC-1: passes PostgreSQL 15+ by default, a group with rds.force_ssl 1, and a group defined outside the stack", () => {
    assertPasses(run(pg({ engineVersion: "16.4" })), "rds-postgres-tls-enforced");
    assertPasses(run(pg({})), "rds-postgres-tls-enforced");
    assertPasses(
      run([pg({ engineVersion: "14", parameterGroupName: "pg-params-id" }), group("1")]),
      "rds-postgres-tls-enforced",
    );
    assertPasses(
      run(pg({ engineVersion: "14", parameterGroupName: "shared-pg14-tls" })),
      "rds-postgres-tls-enforced",
    );
  });
  it("ACC-1: rds.force_ssl 0 on PostgreSQL 16 is blocked too", () => {
    assertBlocks(
      run([pg({ engineVersion: "16", parameterGroupName: "pg-params" }), group("0")]),
      "rds-postgres-tls-enforced",
    );
  });
});
