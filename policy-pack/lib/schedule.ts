// APP-1: the longest time between two rotations that a Secrets Manager schedule allows.
// `rate(N hours|days)` is N; `cron(Minutes Hours Day-of-month Month Day-of-week Year)` is AWS's
// six-field form (day-of-week 1-7 = SUN-SAT, `?` in one of the day fields, `L`, `#`, year `*`):
// cron-parser (loaded lazily, on the first cron expression) parses the fields, and the firing
// days of a whole 400-year Gregorian cycle are walked to find the longest gap exactly.
// https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html

export type ScheduleVerdict =
  { kind: "interval"; maxDays: number; detail: string } | { kind: "invalid"; reason: string };

const HOURS_PER_DAY = 24;
const CYCLE_DAYS = 146097; // 400 Gregorian years: every calendar pattern repeats after it
// Walking this far past the cycle also measures the gap across its end: no cron without a year field
// goes longer without firing (29 February across a non-leap century year: 2921 days).
const OVERLAP_DAYS = 3000;

interface CronFields {
  minute: { values: ReadonlyArray<number | string> };
  hour: { values: ReadonlyArray<number | string> };
  dayOfMonth: { values: ReadonlyArray<number | string>; isWildcard: boolean };
  month: { values: ReadonlyArray<number | string> };
  dayOfWeek: { values: ReadonlyArray<number | string>; isWildcard: boolean; nthDay: number };
}

interface CronParserModule {
  CronExpressionParser: { parse(expr: string, options?: { tz?: string }): { fields: CronFields } };
}

let cronParser: CronParserModule | undefined;
function parser(): CronParserModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use
  cronParser ??= require("cron-parser") as CronParserModule;
  return cronParser;
}

const cache = new Map<string, ScheduleVerdict>();

/** Forgets the memoized verdicts, so that a test sees the expression judged afresh. */
export function clearScheduleCache(): void {
  cache.clear();
}

/** The verdict on a schedule expression (memoized: the walk takes a few milliseconds). */
export function scheduleMaxInterval(expression: string): ScheduleVerdict {
  const expr = expression.trim();
  let v = cache.get(expr);
  if (!v) {
    v = judge(expr);
    cache.set(expr, v);
  }
  return v;
}

function judge(expr: string): ScheduleVerdict {
  const rate = /^rate\(\s*(\d+)\s+(hours?|days?)\s*\)$/i.exec(expr);
  if (rate) {
    const n = Number(rate[1]);
    if (n <= 0) {
      return { kind: "invalid", reason: "a rate must be a positive number" };
    }
    const days = /^hour/i.test(rate[2]) ? n / HOURS_PER_DAY : n;
    return { kind: "interval", maxDays: days, detail: `every ${n} ${rate[2].toLowerCase()}` };
  }
  const cron = /^cron\((.*)\)$/i.exec(expr);
  if (!cron) {
    return { kind: "invalid", reason: "it is neither rate(...) nor cron(...)" };
  }
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) {
    return { kind: "invalid", reason: "a cron expression has six fields" };
  }
  const [minutes, hours, dom, month, dow, year] = fields;
  if (year !== "*") {
    return { kind: "invalid", reason: "Secrets Manager requires * in the year field" };
  }
  if ((dom === "?") === (dow === "?")) {
    return { kind: "invalid", reason: "exactly one of day-of-month and day-of-week must be ?" };
  }
  const weekday = awsWeekdayToCron(dow);
  if (weekday === undefined) {
    return { kind: "invalid", reason: `day-of-week ${dow} is not 1-7 or SUN-SAT` };
  }
  let parsed: CronFields;
  try {
    parsed = parser().CronExpressionParser.parse(
      `0 ${minutes} ${hours} ${dom === "?" ? "*" : dom} ${month} ${weekday}`,
      { tz: "UTC" },
    ).fields;
  } catch (e) {
    return { kind: "invalid", reason: e instanceof Error ? e.message : String(e) };
  }
  const gapDays = longestGapDays(parsed);
  return gapDays === undefined
    ? { kind: "invalid", reason: "it never fires" }
    : { kind: "interval", maxDays: gapDays, detail: `at most ${round(gapDays)} days apart` };
}

function round(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** AWS numbers weekdays 1-7 from Sunday, cron 0-6: `2#1` -> `1#1`, `6L` -> `5L`, `L` -> `6`. */
export function awsWeekdayToCron(field: string): string | undefined {
  if (field === "?" || field === "*") {
    return "*";
  }
  const day = (s: string): string | undefined => {
    const n = Number(s);
    return Number.isInteger(n) && n >= 1 && n <= 7 ? String(n - 1) : undefined;
  };
  const items = field.split(",").map((item) => {
    const [base, step] = item.split("/");
    let out: string | undefined;
    let m: RegExpExecArray | null;
    if (base === "L") {
      out = "6";
    } else if ((m = /^(\d+)#(\d+)$/.exec(base))) {
      out = day(m[1]) === undefined ? undefined : `${day(m[1])}#${m[2]}`;
    } else if ((m = /^(\d+)L$/.exec(base))) {
      out = day(m[1]) === undefined ? undefined : `${day(m[1])}L`;
    } else if ((m = /^(\d+)-(\d+)$/.exec(base))) {
      const a = day(m[1]);
      const b = day(m[2]);
      out = a === undefined || b === undefined ? undefined : `${a}-${b}`;
    } else if (/^\d+$/.test(base)) {
      out = day(base);
    } else {
      out = base; // names (MON, SUN-SAT, MON#2), * and the like: cron-parser reads them as AWS does
    }
    return out === undefined ? undefined : step === undefined ? out : `${out}/${step}`;
  });
  return items.some((x) => x === undefined) ? undefined : items.join(",");
}

function daysInMonth(year: number, month: number): number {
  return month === 2
    ? (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;
}

function dayMatcher(f: CronFields): (y: number, m: number, d: number, wd: number) => boolean {
  const months = new Set(f.month.values.map(Number));
  const doms = f.dayOfMonth.values;
  const lastDom = doms.includes("L");
  const domSet = new Set(doms.filter((v) => typeof v === "number"));
  const dows = f.dayOfWeek.values;
  const nth = f.dayOfWeek.nthDay;
  const dowSet = new Set(dows.filter((v) => typeof v === "number").map((v) => Number(v) % 7));
  const lastDows = new Set(
    dows
      .filter((v): v is string => typeof v === "string" && v.endsWith("L"))
      .map((v) => Number(v.slice(0, -1)) % 7),
  );
  const domMatch = (y: number, m: number, d: number) =>
    domSet.has(d) || (lastDom && d === daysInMonth(y, m));
  const dowMatch = (y: number, m: number, d: number, wd: number) =>
    (dowSet.has(wd) && (nth === 0 || Math.ceil(d / 7) === nth)) ||
    (lastDows.has(wd) && d + 7 > daysInMonth(y, m));
  const domAll = f.dayOfMonth.isWildcard;
  const dowAll = f.dayOfWeek.isWildcard;
  return (y, m, d, wd) =>
    months.has(m) &&
    (domAll && dowAll
      ? true
      : domAll
        ? dowMatch(y, m, d, wd)
        : dowAll
          ? domMatch(y, m, d)
          : domMatch(y, m, d) || dowMatch(y, m, d, wd));
}

/**
 * The longest gap in days between consecutive firings over one 400-year cycle and a little more
 * (the cycle repeats, so the gap across its end counts too).
 */
function longestGapDays(f: CronFields): number | undefined {
  const minutesOfDay = f.hour.values
    .flatMap((h) => f.minute.values.map((m) => Number(h) * 60 + Number(m)))
    .sort((a, b) => a - b);
  if (minutesOfDay.length === 0) {
    return undefined;
  }
  const matches = dayMatcher(f);
  const firingDays: number[] = [];
  // 2000-01-01 was a Saturday (cron weekday 6).
  let y = 2000;
  let m = 1;
  let d = 1;
  let wd = 6;
  for (let day = 0; day < CYCLE_DAYS + OVERLAP_DAYS; day++) {
    if (matches(y, m, d, wd)) {
      firingDays.push(day);
    }
    wd = (wd + 1) % 7;
    if (++d > daysInMonth(y, m)) {
      d = 1;
      if (++m > 12) {
        m = 1;
        y++;
      }
    }
  }
  if (firingDays.length === 0) {
    return undefined;
  }
  const first = minutesOfDay[0];
  const last = minutesOfDay[minutesOfDay.length - 1];
  let longest = 0;
  for (let i = 1; i < minutesOfDay.length; i++) {
    longest = Math.max(longest, minutesOfDay[i] - minutesOfDay[i - 1]);
  }
  for (let i = 1; i < firingDays.length; i++) {
    longest = Math.max(longest, (firingDays[i] - firingDays[i - 1]) * 1440 + first - last);
  }
  return longest / 1440;
}
