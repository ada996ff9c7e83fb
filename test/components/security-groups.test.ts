import { strict as assert } from "assert";
import { securityGroupRules } from "../../components/security-groups";
import { ProgramRun, RegisteredResource, runProgramOnce } from "../harness/program";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const WORLD = ["0.0.0.0/0", "::/0"];

const rulesOf = (run: ProgramRun) => [...run.ofType(INGRESS), ...run.ofType(EGRESS)];
const group = (run: ProgramRun, role: string): RegisteredResource => {
  const found = run
    .ofType(SG)
    .find((sg) => (sg.inputs.tags as Record<string, string>).Tier === role);
  assert.ok(found, `a ${role} security group exists`);
  return found;
};
const ingressOf = (run: ProgramRun, role: string) =>
  run.ofType(INGRESS).filter((rule) => rule.inputs.securityGroupId === group(run, role).state.id);
const egressOf = (run: ProgramRun, role: string) =>
  run.ofType(EGRESS).filter((rule) => rule.inputs.securityGroupId === group(run, role).state.id);
const ports = (rules: RegisteredResource[]) => rules.map((rule) => rule.inputs.fromPort).sort();

describe("SecurityGroups component", () => {
  describe("sandbox with a domain (Let's Encrypt)", () => {
    let run: ProgramRun;
    before(async () => {
      run = await runProgramOnce("sandbox");
      assert.equal(run.error, undefined, run.error?.message);
    });

    it("NET-4: the instance admits 443 from allowedCidr and 80 from anywhere for the HTTP-01 challenge", () => {
      const ingress = ingressOf(run, "app");
      assert.deepEqual(ports(ingress), [443, 80]);
      assert.equal(
        ingress.find((rule) => rule.inputs.fromPort === 443)?.inputs.cidrIpv4,
        "203.0.113.45/32",
      );
      assert.equal(
        ingress.find((rule) => rule.inputs.fromPort === 80)?.inputs.cidrIpv4,
        "0.0.0.0/0",
      );
    });

    it("ACC-2/IAM-1: no port 22 by default", () => {
      assert.ok(rulesOf(run).every((rule) => rule.inputs.fromPort !== 22));
    });

    it("the sandbox has no load-balancer group", () => {
      assert.ok(
        run
          .ofType(SG)
          .every((sg) => (sg.inputs.tags as Record<string, string>).Tier !== "loadBalancer"),
      );
    });
  });

  describe("production", () => {
    let run: ProgramRun;
    before(async () => {
      run = await runProgramOnce("production");
      assert.equal(run.error, undefined, run.error?.message);
    });

    it("NET-4: the ALB admits 443 and 80 from allowedCidr only (ACM needs no HTTP challenge)", () => {
      const ingress = ingressOf(run, "loadBalancer");
      assert.deepEqual(ports(ingress), [443, 80]);
      assert.ok(ingress.every((rule) => rule.inputs.cidrIpv4 === "10.0.0.0/8"));
    });

    it("NET-4: the app port 8080 is open only to the ALB's group", () => {
      const ingress = ingressOf(run, "app");
      assert.deepEqual(ports(ingress), [8080]);
      assert.equal(
        ingress[0].inputs.referencedSecurityGroupId,
        group(run, "loadBalancer").state.id,
      );
      assert.equal(ingress[0].inputs.cidrIpv4, undefined);
    });

    it("NET-4/ACC-1: 5432 on the database only from the app tier's group, and the database has no egress", () => {
      const ingress = ingressOf(run, "database");
      assert.equal(ingress.length, 1);
      assert.equal(ingress[0].inputs.fromPort, 5432);
      assert.equal(ingress[0].inputs.referencedSecurityGroupId, group(run, "app").state.id);
      assert.deepEqual(egressOf(run, "database"), []);
    });

    it("egress is limited to what each tier needs", () => {
      assert.deepEqual(ports(egressOf(run, "loadBalancer")), [8080]);
      assert.deepEqual(ports(egressOf(run, "app")), [443, 5432, 80]);
      const toDatabase = egressOf(run, "app").find((rule) => rule.inputs.fromPort === 5432);
      assert.equal(toDatabase?.inputs.referencedSecurityGroupId, group(run, "database").state.id);
    });
  });

  for (const stack of ["sandbox", "production"] as const) {
    describe(`invariants (${stack})`, () => {
      let run: ProgramRun;
      before(async () => {
        run = await runProgramOnce(stack);
      });

      it("NET-5: no rule admits 22, 3389, 3306 or 5432 from the internet", () => {
        for (const rule of run.ofType(INGRESS)) {
          const world = WORLD.includes(String(rule.inputs.cidrIpv4 ?? rule.inputs.cidrIpv6));
          if (world) {
            assert.deepEqual(
              [rule.inputs.fromPort, rule.inputs.toPort],
              [80, 80],
              `${rule.name}: only port 80 from the internet`,
            );
          }
        }
      });

      it("NET-5: no all-protocol rule; every rule is one TCP port with a description", () => {
        for (const rule of rulesOf(run)) {
          assert.equal(rule.inputs.ipProtocol, "tcp", rule.name);
          assert.equal(rule.inputs.fromPort, rule.inputs.toPort, rule.name);
          assert.ok(
            String(rule.inputs.description ?? "").length > 10,
            `${rule.name} has a description`,
          );
        }
      });

      it("security groups carry no inline rules (separate rule resources only)", () => {
        for (const sg of run.ofType(SG)) {
          assert.equal(sg.inputs.ingress ?? undefined, undefined, sg.name);
          assert.equal(sg.inputs.egress ?? undefined, undefined, sg.name);
        }
      });

      it("IR-1: an empty quarantine group exists and is a stack output", () => {
        const quarantine = group(run, "quarantine");
        assert.deepEqual(
          rulesOf(run).filter((rule) => rule.inputs.securityGroupId === quarantine.state.id),
          [],
        );
        assert.equal(run.outputs.quarantineSecurityGroupId, quarantine.state.id);
      });
    });
  }

  describe("options", () => {
    it("NET-4: sandbox without a domain admits 80 from allowedCidr only", async () => {
      const run = await runProgramOnce("sandbox", { domain: undefined });
      assert.equal(run.error, undefined, run.error?.message);
      const http = ingressOf(run, "app").find((rule) => rule.inputs.fromPort === 80);
      assert.equal(http?.inputs.cidrIpv4, "203.0.113.45/32");
    });

    it("ACC-2: SSH enabled opens 22 from allowedCidr only", async () => {
      const run = await runProgramOnce("sandbox", { ssh: { enabled: true, keyName: "ops" } });
      assert.equal(run.error, undefined, run.error?.message);
      const ssh = ingressOf(run, "app").filter((rule) => rule.inputs.fromPort === 22);
      assert.equal(ssh.length, 1);
      assert.equal(ssh[0].inputs.cidrIpv4, "203.0.113.45/32");
    });

    it("NET-1: an IPv6 allowedCidr is written as cidrIpv6", () => {
      const rules = securityGroupRules({
        edition: "production",
        allowedCidr: "2001:db8::/48",
        allowedCidrKind: "ipv6",
        letsEncryptHttpChallenge: false,
      });
      assert.ok(
        rules
          .filter((rule) => rule.peer.kind === "internet")
          .every((rule) => rule.direction === "egress"),
        "no internet ingress in production",
      );
    });

    it("NET-4: the table never puts the internet on an ingress port other than 80", () => {
      for (const edition of ["sandbox", "production"] as const) {
        for (const letsEncryptHttpChallenge of [true, false]) {
          for (const sshEnabled of [true, false]) {
            const rules = securityGroupRules({
              edition,
              allowedCidr: "203.0.113.45/32",
              allowedCidrKind: "ipv4",
              letsEncryptHttpChallenge,
              sshEnabled,
            });
            const worldIngress = rules.filter(
              (rule) => rule.direction === "ingress" && rule.peer.kind === "internet",
            );
            assert.ok(worldIngress.every((rule) => rule.port === 80));
            assert.equal(
              worldIngress.length,
              edition === "sandbox" && letsEncryptHttpChallenge ? 1 : 0,
            );
          }
        }
      }
    });
  });
});
