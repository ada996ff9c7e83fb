// The shape of the control catalogue. Kept free of @pulumi/* imports: the root program, the
// checklist and the generators read it without loading the policy engine.

export type Edition = "sandbox" | "production";
export type ComplianceProfile = "standard" | "regulated";

/** A value that differs by edition (the stack config may tighten it, never loosen it). */
export interface ByEdition<T> {
  readonly sandbox: T;
  readonly production: T;
}

/** A floor a compliance profile raises above the edition's (0: no extra floor). */
export interface ByProfile<T> {
  readonly standard: T;
  readonly regulated: T;
}

export type ControlId =
  | "NET-1"
  | "NET-2"
  | "NET-3"
  | "NET-4"
  | "NET-5"
  | "IAM-1"
  | "IAM-2"
  | "IAM-3"
  | "DATA-1"
  | "DATA-2"
  | "DATA-3"
  | "DATA-4"
  | "APP-1"
  | "APP-2"
  | "APP-3"
  | "APP-4"
  | "ACC-1"
  | "ACC-2"
  | "MON-1"
  | "MON-2"
  | "MON-3"
  | "CMP-1"
  | "CMP-2"
  | "CMP-3"
  | "IR-1"
  | "IR-2"
  | "IR-3";

export type Area =
  | "Network"
  | "Identity and access"
  | "Data protection"
  | "Application"
  | "Access control"
  | "Monitoring and audit"
  | "Compliance"
  | "Incident response";

/** No value of its own: the control is judged by presence and shape, not by a number. */
export type NoValues = Readonly<Record<string, never>>;

/** Every number (port, day count, threshold, list) a control sets, by control. */
export interface ControlValues {
  readonly "NET-1": {
    /**
     * The one port the whole internet may reach: the Let's Encrypt HTTP challenge and redirect.
     * Not a choice: the ACME server always sends the HTTP-01 request to port 80 (RFC 8555 section
     * 8.3), so the type is the literal and an edit fails type-checking instead of moving the
     * sandbox's certbot listener where Let's Encrypt cannot reach it.
     */
    readonly worldPort: 80;
    /** Whether 443 may also be opened to the whole internet (a public app). */
    readonly publicHttps: boolean;
  };
  readonly "NET-2": {
    /** Instances with a public IP: the sandbox's single instance, none in production. */
    readonly maxPublicInstances: ByEdition<number>;
  };
  readonly "NET-3": NoValues;
  readonly "NET-4": {
    /** The port clients reach the app on (the ALB in production, nginx in the sandbox). */
    readonly httpsPort: number;
    /** The database port, open only to the app tier's security group. */
    readonly databasePort: number;
  };
  readonly "NET-5": {
    /**
     * Never reachable from the internet: SSH, RDP, MySQL/MariaDB, PostgreSQL, SQL Server,
     * MongoDB, Redis, Elasticsearch/OpenSearch.
     */
    readonly adminPorts: readonly number[];
  };
  readonly "IAM-1": NoValues;
  readonly "IAM-2": {
    /** Managed policies refused by name whatever their content (the content check needs none). */
    readonly deniedManagedPolicies: readonly string[];
  };
  readonly "IAM-3": {
    /** A stack with EC2 or RDS must bring its own trail. */
    readonly requireTrailInStack: boolean;
  };
  readonly "DATA-1": NoValues;
  readonly "DATA-2": {
    /** A customer-managed KMS key rather than aws/rds. */
    readonly requireCustomerManagedKey: ByEdition<boolean>;
  };
  readonly "DATA-3": {
    readonly minBackupRetentionDays: ByEdition<number>;
    readonly complianceMinBackupRetentionDays: ByProfile<number>;
    /** The guide's lower bound ("7-30 days"), checked whatever the edition says. */
    readonly guideMinBackupRetentionDays: number;
    /** RDS's upper limit for automated backups. */
    readonly maxBackupRetentionDays: number;
    readonly deletionProtectionRequired: ByEdition<boolean>;
  };
  readonly "DATA-4": {
    /** Multi-AZ by default, and refused off (the policy mandatory) where required. */
    readonly multiAzRequired: ByEdition<boolean>;
  };
  readonly "APP-1": {
    /** Longest interval between secret rotations. */
    readonly maxRotationDays: number;
  };
  readonly "APP-2": {
    /** ELB security policies an HTTPS/TLS listener may use: TLS 1.3 ones only. */
    readonly allowedSslPolicies: readonly string[];
    /** Ports where a plain TCP listener is taken to carry TLS end to end. */
    readonly tlsPassthroughPorts: readonly number[];
  };
  readonly "APP-3": NoValues;
  readonly "APP-4": {
    /** A stack with instances must schedule OS patching itself. */
    readonly requirePatchingInStack: boolean;
  };
  readonly "ACC-1": NoValues;
  readonly "ACC-2": {
    readonly sshPort: number;
    /** A key pair on instances (SSH) is refused unless a profile allows it. */
    readonly allowSshKeyPair: boolean;
  };
  readonly "MON-1": {
    readonly cpuThresholdPercent: number;
    /** How long the CPU must stay above the threshold. */
    readonly cpuMinutes: number;
    /** Of the instance class's max_connections. */
    readonly dbConnectionsPercent: number;
    /** Of the allocated storage. */
    readonly freeStoragePercent: number;
    /** Failed logins per 5 minutes. */
    readonly failedLoginThreshold: number;
  };
  readonly "MON-2": {
    readonly minLogRetentionDays: ByEdition<number>;
    readonly complianceMinLogRetentionDays: ByProfile<number>;
    readonly requireKms: boolean;
  };
  readonly "MON-3": {
    /** Whether another region records the global IAM types (then this one may leave them out). */
    readonly globalResourceTypesRecordedElsewhere: boolean;
  };
  readonly "CMP-1": {
    /** The pack's own default: any region (residency is a per-organisation decision). */
    readonly defaultAllowedRegions: readonly string[];
    /** The regions the example stacks' profiles pin. */
    readonly allowedRegions: ByEdition<readonly string[]>;
  };
  readonly "CMP-2": NoValues;
  readonly "CMP-3": NoValues;
  readonly "IR-1": {
    /** A stack with instances must hold an empty quarantine security group. */
    readonly requireQuarantineGroup: boolean;
  };
  readonly "IR-2": NoValues;
  readonly "IR-3": NoValues;
}

export interface Control<V> {
  readonly id: ControlId;
  readonly area: Area;
  /** What the control requires, in one paragraph. */
  readonly title: string;
  /** The vendor guide's section: "<chapter> <n>, <heading>". */
  readonly guideSection: string;
  /** The guide section's point in a few words, shown with the section as the framework reference. */
  readonly guideSummary?: string;
  /** What each edition expects, where that differs from "on". */
  readonly editions?: ByEdition<string>;
  readonly values: V;
}

/** One item of the guide's pre-production checklist and the controls that prove it. */
export interface ChecklistItem {
  readonly number: number;
  readonly title: string;
  readonly controls: readonly ControlId[];
}

export type Controls = { readonly [K in ControlId]: Control<ControlValues[K]> };

export interface Catalogue {
  readonly controls: Controls;
  readonly checklist: readonly ChecklistItem[];
}
