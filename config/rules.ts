/**
 * Format rules for single config values. Pure functions: each returns undefined when the value is
 * acceptable, otherwise the sentence to show after the key (what is wrong and what to set instead).
 */
import {
  hasHostBits,
  isInternetCidr,
  isPrivateIpv4Range,
  parseCidr,
} from "../policy-pack/lib/semantics";
import { isKnownDbInstanceClass } from "./db-instance-classes";
import { STACK_NAME_MAX_LENGTH } from "./stack-name";
import { CLOUDWATCH_RETENTION_DAYS } from "./editions";

export type Rule<T> = (value: T) => string | undefined;

/**
 * NET-1: a trusted IPv4 range, never the internet or a large part of it. IPv6 is refused: the VPC,
 * its subnets, the security-group rules and the ALB are IPv4-only, so an IPv6 client could never
 * connect (supporting it would take a dual-stack VPC, subnets and ALB end to end).
 */
export const allowedCidrRule: Rule<string> = (value) => {
  // A bare address is a /32 to the policy pack; here the prefix is asked for, so none is guessed.
  const cidr = value.includes("/") ? parseCidr(value) : undefined;
  if (!cidr) {
    return `"${value}" is not a CIDR block; set your office or VPN range, e.g. 203.0.113.45/32.`;
  }
  if (cidr.ipv4Mapped) {
    return `"${value}" is an IPv4-mapped IPv6 range; write the IPv4 range itself (e.g. 203.0.113.0/24).`;
  }
  if (isInternetCidr(value)) {
    return `"${value}" covers the whole internet or a large part of it (IPv4 prefixes shorter than /8 and IPv6 shorter than /32 are refused, NET-1); set your office or VPN range, e.g. 203.0.113.45/32.`;
  }
  if (cidr.kind === "ipv6") {
    return `"${value}" is IPv6, but the VPC, its subnets and the load balancer are IPv4-only, so no client could connect; set the IPv4 range your clients connect from, e.g. 203.0.113.45/32 (NET-1).`;
  }
  if (hasHostBits(cidr)) {
    return `"${value}" has host bits set; write the network address, ${cidr.network}.`;
  }
  return undefined;
};

export const vpcCidrRule: Rule<string> = (value) => {
  // Written as a.b.c.d/n: neither a bare address nor an IPv4-mapped IPv6 range names a VPC block.
  const cidr = value.includes("/") ? parseCidr(value) : undefined;
  if (!cidr || cidr.kind !== "ipv4" || cidr.ipv4Mapped) {
    return `"${value}" is not an IPv4 CIDR block; set a private range such as 10.20.0.0/16.`;
  }
  if (cidr.prefix < 16 || cidr.prefix > 24) {
    return `"${value}" has prefix /${cidr.prefix}; AWS VPCs take /16 to /28 and the tiered layout needs at least /24, so use a prefix from /16 to /24.`;
  }
  if (hasHostBits(cidr)) {
    return `"${value}" has host bits set; write the network address, ${cidr.network}.`;
  }
  if (!isPrivateIpv4Range(value)) {
    return `"${value}" is not private (RFC 1918) address space; use a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16.`;
  }
  return undefined;
};

/**
 * Every physical name derives from the stack name within its AWS limit (components/shared/names.ts budgets them
 * for a stack name of at most 30 characters).
 */
export const stackNameRule: Rule<string> = (value) =>
  value.length <= STACK_NAME_MAX_LENGTH
    ? undefined
    : `"${value}" has ${value.length} characters; stack names are limited to ${STACK_NAME_MAX_LENGTH}, so that every AWS name derived from them fits its limit (IAM roles 64, S3 buckets 63, load balancers 32, each with the 8-character autoname suffix). Create the stack under a shorter name (pulumi stack init), or set a shorter decision-control:stackLabel before its first up (a label changed later renames every resource).`;

/**
 * `decision-control:stackLabel` takes the place of the stack name in every name (components/shared/names.ts), so
 * it obeys the stack name's rules: Pulumi's stack-name characters ("Stack names may only contain
 * alphanumeric characters, hyphens, underscores, or periods", Pulumi docs, "Stacks") and the same
 * length budget.
 */
export const stackLabelRule: Rule<string> = (value) =>
  !/^[A-Za-z0-9_.-]+$/.test(value)
    ? `"${value}" is not a stack name; pin the stack's previous name exactly (letters, digits, hyphens, underscores or periods), e.g. production (README, Operations, "Rename a stack").`
    : value.length > STACK_NAME_MAX_LENGTH
      ? `"${value}" has ${value.length} characters; a label is limited to ${STACK_NAME_MAX_LENGTH}, like a stack name, so that every AWS name derived from it fits its limit. Pin the stack's previous name exactly.`
      : undefined;

/**
 * A certificate's first domain name is its Common Name, at most 64 octets (RFC 5280
 * ub-common-name): ACM's RequestCertificate refuses a longer DomainName, and so do Let's Encrypt
 * and openssl for the sandbox host's certificates.
 */
export const CERTIFICATE_NAME_MAX_LENGTH = 64;

export const certificateNameRule: Rule<string> = (fqdn) =>
  fqdn.length <= CERTIFICATE_NAME_MAX_LENGTH
    ? undefined
    : `"${fqdn}" (subdomain + "." + zoneName) has ${fqdn.length} characters; a certificate's first domain name is limited to ${CERTIFICATE_NAME_MAX_LENGTH} (ACM RequestCertificate, RFC 5280); shorten domain.subdomain or use a shorter zone.`;

export const amiIdRule: Rule<string> = (value) =>
  /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(value)
    ? undefined
    : `"${value}" is not an AMI ID; set the pinned image ID, "ami-" followed by 8 or 17 lowercase hex digits (APP-3).`;

export const instanceTypeRule: Rule<string> = (value) =>
  /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/.test(value)
    ? undefined
    : `"${value}" is not an EC2 instance type name; use family.size, e.g. t3.medium or m5.xlarge.`;

const DNS_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export const zoneNameRule: Rule<string> = (value) => {
  const name = value.toLowerCase().replace(/\.$/, "");
  const labels = name.split(".");
  return labels.length >= 2 && name.length <= 253 && labels.every((label) => DNS_LABEL.test(label))
    ? undefined
    : `"${value}" is not a DNS zone name; set the Route 53 hosted zone, e.g. example.com.`;
};

export const subdomainRule: Rule<string> = (value) =>
  /^[a-z][a-z0-9-]{0,62}$/.test(value) && !value.endsWith("-")
    ? undefined
    : `"${value}" is not a lowercase DNS label starting with a letter; use e.g. "decisions".`;

export const keyNameRule: Rule<string> = (value) =>
  value.trim().length > 0 && value.length <= 255
    ? undefined
    : `must be the name of an existing EC2 key pair (1 to 255 characters).`;

/**
 * The longest address SMTP can deliver to: a path of at most 256 octets, angle brackets included
 * (RFC 5321, section 4.5.3.1.3). Also bounds the sandbox's user data, which passes it to certbot.
 */
export const EMAIL_MAX_LENGTH = 254;

export const emailRule: Rule<string> = (value) =>
  /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(value) && value.length <= EMAIL_MAX_LENGTH
    ? undefined
    : `"${value}" is not an email address of at most ${EMAIL_MAX_LENGTH} characters; set the on-call address, e.g. ops@example.com.`;

export const logRetentionRule: Rule<number> = (value) =>
  CLOUDWATCH_RETENTION_DAYS.includes(value)
    ? undefined
    : `${value} is not a retention CloudWatch Logs accepts; use one of ${CLOUDWATCH_RETENTION_DAYS.join(", ")}.`;

export const regionRule: Rule<string> = (value) =>
  /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/.test(value)
    ? undefined
    : `"${value}" is not an AWS region name; use e.g. eu-west-1.`;

export const dbInstanceClassRule: Rule<string> = (value) => {
  if (!/^db\.[a-z0-9]+\.[a-z0-9]+$/.test(value)) {
    return `"${value}" does not look like db.<family>.<size>; use e.g. db.t4g.micro or db.m6g.large.`;
  }
  return isKnownDbInstanceClass(value)
    ? undefined
    : `"${value}" is not in the table of classes whose max_connections the connection alarm knows (MON-1); use a db.t3/t4g/m5/m6g/m6i/m7g/r5/r6g/r6i/r7g class.`;
};

export const engineVersionRule: Rule<string> = (value) =>
  /^(16|17)(\.\d+)?$/.test(value)
    ? undefined
    : `"${value}" is not a PostgreSQL 16 or 17 version RDS offers; use "16", "17" or a minor such as "16.6".`;

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
export const MINUTES_PER_DAY = 24 * 60;
export const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

function clockMinutes(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : undefined;
}

/** `hh24:mi-hh24:mi` as [start, end) minutes of the day; end may wrap past midnight. */
export function parseDailyWindow(value: string): [number, number] | undefined {
  const [start, end, ...rest] = value.split("-");
  const startMinutes = clockMinutes(start ?? "");
  const endMinutes = clockMinutes(end ?? "");
  if (rest.length > 0 || startMinutes === undefined || endMinutes === undefined) {
    return undefined;
  }
  return [startMinutes, endMinutes];
}

/** `ddd:hh24:mi-ddd:hh24:mi` as [start, end) minutes of the week. */
export function parseWeeklyWindow(value: string): [number, number] | undefined {
  const match = /^([a-z]{3}):(\d\d:\d\d)-([a-z]{3}):(\d\d:\d\d)$/.exec(value.toLowerCase());
  if (!match) {
    return undefined;
  }
  const [startDay, endDay] = [WEEKDAYS.indexOf(match[1]), WEEKDAYS.indexOf(match[3])];
  const [startMinutes, endMinutes] = [clockMinutes(match[2]), clockMinutes(match[4])];
  if (startDay < 0 || endDay < 0 || startMinutes === undefined || endMinutes === undefined) {
    return undefined;
  }
  return [startDay * MINUTES_PER_DAY + startMinutes, endDay * MINUTES_PER_DAY + endMinutes];
}

export function duration([start, end]: [number, number], period: number): number {
  return (((end - start) % period) + period) % period;
}

export const backupWindowRule: Rule<string> = (value) => {
  const window = parseDailyWindow(value);
  if (!window) {
    return `"${value}" is not hh24:mi-hh24:mi (UTC); use e.g. 02:00-03:00.`;
  }
  return duration(window, MINUTES_PER_DAY) >= 30
    ? undefined
    : `"${value}" is shorter than the 30 minutes RDS requires; widen it, e.g. 02:00-03:00.`;
};

export const maintenanceWindowRule: Rule<string> = (value) => {
  const window = parseWeeklyWindow(value);
  if (!window) {
    return `"${value}" is not ddd:hh24:mi-ddd:hh24:mi (UTC); use e.g. sun:03:30-sun:04:30.`;
  }
  return duration(window, MINUTES_PER_WEEK) >= 30
    ? undefined
    : `"${value}" is shorter than the 30 minutes RDS requires; widen it, e.g. sun:03:30-sun:04:30.`;
};

/** Splits a possibly wrapping [start, end) interval on a circle of `period` minutes into plain intervals. */
export function unwrap(start: number, length: number, period: number): [number, number][] {
  const from = ((start % period) + period) % period;
  return from + length <= period
    ? [[from, from + length]]
    : [
        [from, period],
        [0, from + length - period],
      ];
}

/** Weekly [start, end) minute intervals of a `ddd:hh24:mi-ddd:hh24:mi` window (none if unparsable). */
export function maintenanceIntervals(maintenanceWindow: string): [number, number][] {
  const weekly = parseWeeklyWindow(maintenanceWindow);
  return weekly ? unwrap(weekly[0], duration(weekly, MINUTES_PER_WEEK), MINUTES_PER_WEEK) : [];
}

/** Weekly [start, end) minute intervals of a daily `hh24:mi-hh24:mi` window on the given weekdays. */
export function dailyIntervals(
  dailyWindow: string,
  weekdays: readonly number[] = [0, 1, 2, 3, 4, 5, 6],
): [number, number][] {
  const daily = parseDailyWindow(dailyWindow);
  return daily
    ? weekdays.flatMap((day) =>
        unwrap(
          day * MINUTES_PER_DAY + daily[0],
          duration(daily, MINUTES_PER_DAY),
          MINUTES_PER_WEEK,
        ),
      )
    : [];
}

export function intervalsOverlap(
  first: readonly [number, number][],
  second: readonly [number, number][],
): boolean {
  return first.some(([fs, fe]) => second.some(([ss, se]) => fs < se && ss < fe));
}

/** True when the weekly maintenance window intersects the daily backup window on any day. */
export function windowsOverlap(backupWindow: string, maintenanceWindow: string): boolean {
  return intervalsOverlap(maintenanceIntervals(maintenanceWindow), dailyIntervals(backupWindow));
}

/**
 * ACC-1 / day 2: a pinned minor (`16.6`) with automatic minor upgrades makes every `up` after RDS
 * upgraded itself plan a downgrade, which RDS refuses ("Cannot find upgrade path"). A major alone is
 * a prefix the provider matches against the running minor (`engineVersionActual`).
 */
export function pinnedMinorWithAutoUpgradeProblem(
  engineVersion: string,
  autoMinorVersionUpgrade: boolean,
): string | undefined {
  const major = engineVersion.split(".")[0];
  return autoMinorVersionUpgrade && engineVersion.includes(".")
    ? `"${engineVersion}" pins a minor version while automatic minor upgrades are on: once RDS upgrades the minor in a maintenance window, every later up plans a downgrade that RDS refuses. Set "${major}" (RDS keeps the minor current), or set decision-control:database.autoMinorVersionUpgrade to false and upgrade minors yourself (README, Operations, "Upgrade PostgreSQL").`
    : undefined;
}

const CRON_FIELD = /^[0-9A-Za-z*?,/#L-]+$/;

/**
 * SSM association schedules: `cron(min hour dom month dow year)`, in UTC. Rate expressions are
 * valid for SSM but refused here: their runs follow the association's creation time, so they
 * cannot be kept out of the database maintenance window (config/patch-window.ts).
 */
export const patchScheduleRule: Rule<string> = (value) => {
  if (/^rate\(/.test(value)) {
    return `"${value}" has no fixed time of week (a rate expression runs relative to when the association was created), so patching could coincide with database maintenance; use a cron expression in UTC, e.g. cron(0 2 ? * SUN *) (APP-4).`;
  }
  const cron = /^cron\((.*)\)$/.exec(value);
  const fields = cron ? cron[1].trim().split(/\s+/) : [];
  if (fields.length !== 6 || !fields.every((field) => CRON_FIELD.test(field))) {
    return `"${value}" is not an SSM cron expression; use cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 2 ? * SUN *).`;
  }
  const [minutes, hours, dayOfMonth, , dayOfWeek] = fields;
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    return `"${value}" must have "?" in exactly one of day-of-month and day-of-week; e.g. cron(0 2 ? * SUN *).`;
  }
  const minuteValue = Number(minutes);
  const hourValue = Number(hours);
  // Stryker disable next-line Regex: Number() of a field that is not all digits is NaN, never out of range (equivalent)
  if ((/^\d+$/.test(minutes) && minuteValue > 59) || (/^\d+$/.test(hours) && hourValue > 23)) {
    return `"${value}" has an out-of-range minute or hour; e.g. cron(0 2 ? * SUN *).`;
  }
  return undefined;
};
