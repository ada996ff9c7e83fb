/**
 * APP-4 next to DATA-3/DATA-4: the scheduled patch run and the database's weekly maintenance window
 * stay apart. A patch run installs packages and, on the sandbox, reboots the host; RDS maintenance
 * may restart the database or fail it over. Either alone is a short, understood disruption; both
 * at once make a longer outage whose cause is hard to tell. Pure functions, used by validation.
 *
 * SSM association schedules are cron expressions in UTC with six fields (minutes, hours,
 * day-of-month, month, day-of-week, year; day-of-week 1-7 or SUN-SAT, `L` and `#` allowed: Systems
 * Manager User Guide, "Reference: Cron and rate expressions for Systems Manager"); RDS maintenance
 * windows are `ddd:hh24:mi-ddd:hh24:mi` in UTC.
 */
import { COMMON_DEFAULTS } from "./editions";
import {
  duration,
  MINUTES_PER_DAY,
  MINUTES_PER_WEEK,
  parseWeeklyWindow,
  unwrap,
  WEEKDAYS,
} from "./rules";

/**
 * How long a patch run is assumed to take: package downloads and installs, on the sandbox a reboot
 * and the app's restart. A start closer than this before the database window counts as a clash.
 */
export const PATCH_RUN_ALLOWANCE_MINUTES = 60;

/** A schedule clear of the default maintenance window (`sun:03:30-sun:04:30`): the default one. */
const COMMON_PATCH_EXAMPLE = COMMON_DEFAULTS.patchSchedule;

/** A cron field's values within [min, max]: `*`, `a`, `a-b`, each with an optional `/step`. */
function expandField(field: string, min: number, max: number): number[] | undefined {
  const values = new Set<number>();
  for (const term of field.split(",")) {
    const match = /^(?:(\*)|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(term);
    if (!match) {
      return undefined;
    }
    const [, any, first, last, stepText] = match;
    const from = any ? min : Number(first);
    // `a/n` runs from a to the end of the range, `a` alone only at a.
    const to = any || (last === undefined && stepText !== undefined) ? max : Number(last ?? first);
    const step = stepText === undefined ? 1 : Number(stepText);
    if (from < min || to > max || from > to || step < 1) {
      return undefined;
    }
    for (let value = from; value <= to; value += step) {
      values.add(value);
    }
  }
  return [...values];
}

/**
 * The weekdays (0 = Sunday) a day-of-week field runs on. `?` (a day-of-month schedule) and `*`
 * may hit any weekday; `L` and `#n` keep the weekday they qualify; `L` alone is Saturday.
 */
function weekdays(field: string): number[] | undefined {
  if (field === "?" || field === "*") {
    return [0, 1, 2, 3, 4, 5, 6];
  }
  const numeric = field
    .toLowerCase()
    .replace(/#[1-5]/g, "")
    .replace(/^l$/, "7")
    .replace(/(\w)l\b/g, "$1")
    .replace(/[a-z]{3}/g, (name) => String(WEEKDAYS.indexOf(name) + 1));
  return expandField(numeric, 1, 7)?.map((day) => day - 1);
}

/**
 * Minutes of the week (0 = Sunday 00:00 UTC) at which a cron expression may start a run; undefined
 * for a rate expression or a cron whose minutes, hours or weekdays cannot be read.
 */
export function patchRunStarts(schedule: string): number[] | undefined {
  const cron = /^cron\((.*)\)$/.exec(schedule.trim());
  const fields = cron ? cron[1].trim().split(/\s+/) : [];
  if (fields.length !== 6) {
    return undefined;
  }
  const [minuteField, hourField, , , dayOfWeekField] = fields;
  const minutes = expandField(minuteField, 0, 59);
  const hours = expandField(hourField, 0, 23);
  const days = weekdays(dayOfWeekField);
  if (!minutes || !hours || !days) {
    return undefined;
  }
  return days.flatMap((day) =>
    hours.flatMap((hour) => minutes.map((minute) => day * MINUTES_PER_DAY + hour * 60 + minute)),
  );
}

function weekTime(minuteOfWeek: number): string {
  const day = WEEKDAYS[Math.floor(minuteOfWeek / MINUTES_PER_DAY)].toUpperCase();
  const minuteOfDay = minuteOfWeek % MINUTES_PER_DAY;
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${day} ${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)} UTC`;
}

export type PatchWindowProblem =
  { readonly kind: "unplaceable" } | { readonly kind: "clash"; readonly start: string };

/**
 * Why the patch schedule cannot be kept out of the maintenance window, or undefined when it is:
 * `unplaceable` for a rate expression (its runs follow the association's creation time) or a cron
 * this check cannot read; `clash` with the first start whose run (PATCH_RUN_ALLOWANCE_MINUTES)
 * would overlap the window. A maintenance window that does not parse is left to its own rule.
 */
export function patchWindowProblem(
  schedule: string,
  maintenanceWindow: string,
): PatchWindowProblem | undefined {
  const window = parseWeeklyWindow(maintenanceWindow);
  if (!window) {
    return undefined;
  }
  const starts = patchRunStarts(schedule);
  if (!starts) {
    return { kind: "unplaceable" };
  }
  const maintenance = unwrap(window[0], duration(window, MINUTES_PER_WEEK), MINUTES_PER_WEEK);
  const clash = starts
    .sort((a, b) => a - b)
    .find((start) =>
      unwrap(start, PATCH_RUN_ALLOWANCE_MINUTES, MINUTES_PER_WEEK).some(([ps, pe]) =>
        maintenance.some(([ms, me]) => ps < me && ms < pe),
      ),
    );
  return clash === undefined ? undefined : { kind: "clash", start: weekTime(clash) };
}

/** The sentence for `scheduleKey` when the schedule and the window are not apart, else undefined. */
export function patchWindowIssue(
  schedule: string,
  maintenanceWindow: string,
  maintenanceWindowKey: string,
): string | undefined {
  const problem = patchWindowProblem(schedule, maintenanceWindow);
  if (!problem) {
    return undefined;
  }
  const example = `e.g. ${COMMON_PATCH_EXAMPLE} with the default window`;
  const readable = "use plain minutes, hours and weekdays (numbers, lists, ranges, steps)";
  return problem.kind === "unplaceable"
    ? `"${schedule}" has no start time this check can read (a rate expression has none), so it cannot be kept out of ${maintenanceWindowKey} ("${maintenanceWindow}"); ${readable}, ${example} (APP-4).`
    : `"${schedule}" starts a patch run at ${problem.start}, and a run may take ${PATCH_RUN_ALLOWANCE_MINUTES} minutes (the sandbox reboots), which reaches into ${maintenanceWindowKey} ("${maintenanceWindow}"), when RDS may restart or fail over the database; start the run at least ${PATCH_RUN_ALLOWANCE_MINUTES} minutes before the window or after it ends, ${example}, or move the window (APP-4).`;
}
