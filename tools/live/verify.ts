/**
 * `npm run checklist -- --stack <s> --live`: the same 16 items, checked against the deployed account.
 * The planned security-group rules come from the program itself (run under mocks with the same
 * stack config), so "as planned" means what `pulumi preview` would show, not a second copy of it.
 */
import * as tls from "tls";
import type { Settings } from "../../config/types";
import {
  buildReport,
  CHECKLIST,
  idOf,
  ItemEvidence,
  Report,
  ResourceView,
  securityGroupRules,
  T,
  tag,
  toResourceViews,
} from "../checklist";
import { runWithMocks } from "../simulate/program";
import { readStackFile, ROOT } from "../stacks/stack-files";
import { createClients, LiveClients, LiveContext, TlsProbe } from "./context";
import * as checks from "./checks";
import { parseStackOutputs } from "./outputs";
import { RetryOptions } from "./retry";

/** The planned rules in the form `describeLiveRule` gives deployed ones. */
export function plannedRules(resources: readonly ResourceView[]): checks.PlannedRule[] {
  const roles = new Map(
    resources
      .filter((resource) => resource.type === T.securityGroup)
      .map((group) => [idOf(group), tag(group, "Tier") ?? group.name]),
  );
  return securityGroupRules(resources).flatMap((rule) => {
    const role = rule.groupId === undefined ? undefined : roles.get(rule.groupId);
    if (role === undefined) {
      return [];
    }
    const peers = [
      ...[...rule.cidrs, ...rule.prefixLists].map(checks.networkPeer),
      ...rule.peerGroups.map((ref) => `sg:${roles.get(ref) ?? ref}`),
    ];
    return peers.map((peer) => checks.ruleText(role, rule.direction, rule.range, peer));
  });
}

/** Connects to host:443 and verifies the certificate chain and name against the system CAs. */
export function probeTls(host: string, timeoutMs = 10000): Promise<TlsProbe> {
  return new Promise((resolve) => {
    const socket = tls.connect(
      { host, port: 443, servername: host, rejectUnauthorized: false, timeout: timeoutMs },
      () => {
        const certificate = socket.getPeerCertificate();
        resolve({
          authorized: socket.authorized,
          detail: socket.authorized
            ? `issuer ${certificate.issuer?.O ?? "?"}, valid to ${certificate.valid_to}, ${socket.getProtocol()}`
            : `certificate not trusted: ${String(socket.authorizationError)}`,
        });
        socket.end();
      },
    );
    socket.on("timeout", () => {
      resolve({ authorized: false, detail: `no TLS answer within ${timeoutMs} ms` });
      socket.destroy();
    });
    socket.on("error", (error) => resolve({ authorized: false, detail: error.message }));
  });
}

export interface LiveOptions {
  readonly stack: string;
  readonly settings: Settings;
  /** The stack's config the planned rules are computed from; default: read `Pulumi.<stack>.yaml`. */
  readonly config?: Readonly<Record<string, string>>;
  readonly outputsJson: string;
  /** Injected in tests (aws-sdk-client-mock); default: real clients for the outputs' region. */
  readonly clients?: LiveClients;
  /** Default: the program's rules under mocks for this stack. */
  readonly planned?: readonly checks.PlannedRule[];
  readonly probeTls?: (host: string) => Promise<TlsProbe>;
  readonly retry?: RetryOptions;
  readonly root?: string;
  readonly now?: Date;
}

async function programPlan(
  stack: string,
  config: Readonly<Record<string, string>> = readStackFile(stack).config,
): Promise<checks.PlannedRule[]> {
  const run = await runWithMocks(stack, { ...config });
  if (run.error) {
    throw run.error;
  }
  return plannedRules(toResourceViews(run));
}

export async function runLiveChecklist(options: LiveOptions): Promise<Report> {
  const outputs = parseStackOutputs(options.outputsJson);
  const planned = options.planned ?? (await programPlan(options.stack, options.config));
  const ctx: LiveContext = {
    stack: options.stack,
    settings: options.settings,
    outputs,
    clients: options.clients ?? createClients(outputs.region),
    root: options.root ?? ROOT,
    now: options.now ?? new Date(),
    retry: options.retry,
    probeTls: options.probeTls ?? ((host) => probeTls(host)),
    cache: new Map(),
  };
  const liveChecks: Record<number, checks.LiveCheck> = {
    1: checks.liveIpRestrictions,
    2: checks.liveHttps,
    3: checks.liveDatabasePassword,
    4: checks.liveEbsEncryption,
    5: checks.liveDatabaseEncryption,
    6: checks.liveMultiAz,
    7: checks.liveBackups,
    8: checks.liveAlarms,
    9: checks.liveCloudTrail,
    10: checks.liveFlowLogs,
    11: checks.liveSecurityGroups(planned),
    12: checks.liveDatabaseNotPublic,
    13: checks.liveSessionManager,
    14: checks.liveSshKeys,
    15: checks.liveAmi,
    16: checks.liveIncidentResponse,
  };
  // Items run one after another: fewer concurrent calls, less throttling, readable failures.
  const evidence = new Map<number, ItemEvidence>();
  const checkErrors = new Map<number, string>();
  for (const item of CHECKLIST) {
    try {
      evidence.set(item.number, await liveChecks[item.number](ctx));
    } catch (error) {
      checkErrors.set(item.number, error instanceof Error ? error.message : String(error));
    }
  }
  return buildReport({
    stack: options.stack,
    edition: options.settings.edition,
    mode: "live",
    evidence,
    checkErrors,
    now: ctx.now,
  });
}
