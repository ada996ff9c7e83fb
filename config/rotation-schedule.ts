/**
 * The database secret's rotation schedule (APP-1): a Secrets Manager `cron()` expression whose
 * window opens at one fixed hour, checked for what Secrets Manager accepts and for the longest gap
 * between two rotations. Pure functions; the config validation and the Database component use them.
 *
 * Secrets Manager's own rules ("Rotation schedules", Secrets Manager User Guide): six fields
 * `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, minutes must be 0 (windows open on the
 * hour), year must be `*`, UTC, and the window must not run into the next UTC day (start hour plus
 * duration <= 24). `rate()` is refused here: its window always opens at midnight, so it cannot be
 * placed next to the database's maintenance window.
 */
import { CATALOGUE } from "../policy-pack/controls";

/** APP-1: at most this many days between two rotations. */
export const MAX_ROTATION_INTERVAL_DAYS = CATALOGUE.controls["APP-1"].values.maxRotationDays;

/** A parsed schedule: the hour the window opens and the days (UTC) on which it opens. */
export interface RotationSchedule {
  readonly hour: number;
  readonly firesOn: (day: Date) => boolean;
}

const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
const DAY_MS = 24 * 60 * 60 * 1000;
/** Eight years from a leap year: every weekday/month-day alignment and a leap day recur in it. */
const SIMULATION_START = Date.UTC(2024, 0, 1);
const SIMULATION_DAYS = 8 * 365 + 2;

type Matcher = (value: number) => boolean;

/** One value: a number in range or a name (`JAN`, `SUN`), numbered from `min`. */
function value(token: string, min: number, max: number, names?: readonly string[]): number {
  const named = names?.indexOf(token.toUpperCase()) ?? -1;
  const number = named >= 0 ? named + min : /^\d+$/.test(token) ? Number(token) : NaN;
  if (!(number >= min && number <= max)) {
    throw new Error(`"${token}" is not in ${min}..${max}${names ? ` or ${names.join(",")}` : ""}`);
  }
  return number;
}

/** `*`, `n`, `a-b`, `*\/s`, `a/s`, `a-b/s` and comma lists of them. */
function listMatcher(field: string, min: number, max: number, names?: readonly string[]): Matcher {
  const parts = field.split(",").map((part): Matcher => {
    const [range, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : value(stepText, 1, max);
    const [from, to] =
      range === "*"
        ? [min, max]
        : range.includes("-")
          ? range.split("-").map((token) => value(token, min, max, names))
          : [
              value(range, min, max, names),
              stepText === undefined ? value(range, min, max, names) : max,
            ];
    return (candidate) => candidate >= from && candidate <= to && (candidate - from) % step === 0;
  });
  return (candidate) => parts.some((matches) => matches(candidate));
}

function lastDayOfMonth(day: Date): number {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Day-of-month: `?`, a list, or `L` (the last day). */
function dayOfMonthMatcher(field: string): (day: Date) => boolean {
  if (field === "?") {
    return () => true;
  }
  if (field === "L") {
    return (day) => day.getUTCDate() === lastDayOfMonth(day);
  }
  const matches = listMatcher(field, 1, 31);
  return (day) => matches(day.getUTCDate());
}

/** Day-of-week (1 = SUN): `?`, a list, `L` (Saturday), `D#n` (n-th D of the month), `DL` (last D). */
function dayOfWeekMatcher(field: string): (day: Date) => boolean {
  if (field === "?") {
    return () => true;
  }
  const weekday = (day: Date): number => day.getUTCDay() + 1;
  const nth = /^([A-Za-z]{3}|\d)#([1-5])$/.exec(field);
  if (nth) {
    const target = value(nth[1], 1, 7, WEEKDAYS);
    const occurrence = Number(nth[2]);
    return (day) => weekday(day) === target && Math.ceil(day.getUTCDate() / 7) === occurrence;
  }
  const last = /^([A-Za-z]{3}|\d)?L$/.exec(field);
  if (last) {
    const target = last[1] === undefined ? 7 : value(last[1], 1, 7, WEEKDAYS);
    return (day) => weekday(day) === target && day.getUTCDate() + 7 > lastDayOfMonth(day);
  }
  const matches = listMatcher(field, 1, 7, WEEKDAYS);
  return (day) => matches(weekday(day));
}

/**
 * Parses `cron(0 H dom month dow *)` with a single hour. Returns the schedule, or the sentence that
 * says what is wrong.
 */
export function parseRotationSchedule(expression: string): RotationSchedule | string {
  const example = "e.g. cron(0 5 ? * SUN#1 *) (05:00 UTC on the first Sunday of each month)";
  if (/^rate\(/.test(expression.trim())) {
    return `"${expression}" is a rate() expression, whose window always opens at midnight UTC; use a cron() expression that opens the window at a chosen hour next to the database maintenance window, ${example}.`;
  }
  const fields = /^cron\((.*)\)$/.exec(expression.trim())?.[1].trim().split(/\s+/) ?? [];
  if (fields.length !== 6) {
    return `"${expression}" is not a Secrets Manager cron expression; use cron(0 hour day-of-month month day-of-week *), ${example}.`;
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields;
  if (minutes !== "0" || year !== "*") {
    return `"${expression}" must have 0 in the minutes field (rotation windows open on the hour) and * in the year field, as Secrets Manager requires; ${example}.`;
  }
  if (!/^([01]?\d|2[0-3])$/.test(hours)) {
    return `"${expression}" must open the window at one hour, 0..23 (no lists, ranges or steps), so the window sits at a known time next to the maintenance window; ${example}.`;
  }
  if ((dayOfMonth === "?") === (dayOfWeek === "?")) {
    return `"${expression}" must have "?" in exactly one of day-of-month and day-of-week; ${example}.`;
  }
  try {
    const [inDayOfMonth, inMonth, inDayOfWeek] = [
      dayOfMonthMatcher(dayOfMonth),
      listMatcher(month, 1, 12, MONTHS),
      dayOfWeekMatcher(dayOfWeek),
    ];
    return {
      hour: Number(hours),
      firesOn: (day) => inMonth(day.getUTCMonth() + 1) && inDayOfMonth(day) && inDayOfWeek(day),
    };
  } catch (error) {
    return `"${expression}": ${(error as Error).message}; ${example}.`;
  }
}

/** The days (UTC midnight) on which the window opens, over eight years from 2024-01-01. */
export function rotationDays(schedule: RotationSchedule): Date[] {
  return Array.from(
    { length: SIMULATION_DAYS },
    (_, index) => new Date(SIMULATION_START + index * DAY_MS),
  ).filter(schedule.firesOn);
}

/** The longest run of days between two consecutive rotations; undefined if it never fires twice. */
export function longestRotationGapDays(schedule: RotationSchedule): number | undefined {
  const days = rotationDays(schedule);
  if (days.length < 2) {
    return undefined;
  }
  return Math.max(
    ...days.slice(1).map((day, index) => (day.getTime() - days[index].getTime()) / DAY_MS),
  );
}

/** The rotation windows as weekly [start, end) minutes (0 = Sunday 00:00 UTC), one per weekday it can open. */
export function rotationIntervals(
  schedule: RotationSchedule,
  windowHours: number,
): [number, number][] {
  const weekdays = [...new Set(rotationDays(schedule).map((day) => day.getUTCDay()))];
  return weekdays
    .sort((a, b) => a - b)
    .map((weekday) => {
      const start = (weekday * 24 + schedule.hour) * 60;
      return [start, start + windowHours * 60];
    });
}

/**
 * What is wrong with a schedule, as one sentence; undefined when Secrets Manager accepts it and it
 * rotates at least every `MAX_ROTATION_INTERVAL_DAYS` days.
 */
export function rotationScheduleProblem(expression: string): string | undefined {
  const schedule = parseRotationSchedule(expression);
  if (typeof schedule === "string") {
    return schedule;
  }
  const gap = longestRotationGapDays(schedule);
  if (gap === undefined) {
    return `"${expression}" never opens a rotation window twice; pick days that exist every month, e.g. cron(0 5 ? * SUN#1 *).`;
  }
  return gap > MAX_ROTATION_INTERVAL_DAYS
    ? `"${expression}" leaves up to ${gap} days between rotations, more than the ${MAX_ROTATION_INTERVAL_DAYS} APP-1 allows; rotate more often, e.g. cron(0 5 ? * SUN#1 *) (at most 35 days apart).`
    : undefined;
}

/** Secrets Manager's `Duration`: whole hours, at least one, ending by midnight UTC. */
export function rotationWindowProblem(
  schedule: RotationSchedule,
  windowHours: number,
): string | undefined {
  return Number.isInteger(windowHours) && windowHours >= 1 && schedule.hour + windowHours <= 24
    ? undefined
    : `${windowHours} hours from ${schedule.hour}:00 UTC is not a window Secrets Manager accepts: whole hours, 1 or more, ending by midnight UTC (start hour + window <= 24).`;
}

/** Both checks, for callers that need one answer (the Database component's own guard). */
export function rotationProblem(expression: string, windowHours: number): string | undefined {
  const schedule = parseRotationSchedule(expression);
  return typeof schedule === "string"
    ? schedule
    : (rotationScheduleProblem(expression) ?? rotationWindowProblem(schedule, windowHours));
}
