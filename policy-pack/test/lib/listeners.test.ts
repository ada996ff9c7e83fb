import * as assert from "assert";
import {
  balancerKind,
  balancerOf,
  FrontListener,
  frontListeners,
  LB,
  listenerProtocol,
} from "../../lib/listeners";
import { PolicyResource, RefIndex, UNKNOWN } from "../../lib/policy-kit";
import { policyResource } from "../helpers";

const resource = policyResource;

const LB_TYPE = "aws:lb/loadBalancer:LoadBalancer";
const ALB_TYPE = "aws:alb/loadBalancer:LoadBalancer";
const LISTENER = "aws:lb/listener:Listener";
const ALB_LISTENER = "aws:alb/listener:Listener";
const CLASSIC = "aws:elb/loadBalancer:LoadBalancer";

const balancer = (props: Record<string, unknown>, name = "lb", type = LB_TYPE) =>
  resource(type, name, props);
const listener = (props: Record<string, unknown>, name = "web", type = LISTENER) =>
  resource(type, name, { loadBalancerArn: "lb-arn", ...props }, {});

/** The facts of each listener, without the resources themselves. */
function facts(listeners: FrontListener[]) {
  return listeners.map((l) => ({
    owner: l.owner.name,
    where: l.where,
    balancer: l.balancer.name,
    kind: l.kind,
    protocol: l.protocol,
    port: l.port,
    internetFacing: l.internetFacing,
    hasSecurityGroups: l.hasSecurityGroups,
  }));
}

describe("lib/listeners: the resource types", () => {
  it("APP-2, NET-5: names both spellings of listeners, balancers and rules, and the Classic Load Balancer", () => {
    assert.deepStrictEqual(LB, {
      listeners: [LISTENER, ALB_LISTENER],
      balancers: [LB_TYPE, ALB_TYPE],
      rules: ["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"],
      classic: CLASSIC,
    });
  });
});

describe("lib/listeners: balancerKind", () => {
  it("APP-2: a Classic Load Balancer is classic whatever its props say", () => {
    assert.strictEqual(
      balancerKind(resource(CLASSIC, "old", { loadBalancerType: "network" })),
      "classic",
    );
    assert.strictEqual(balancerKind(resource(CLASSIC, "old", {})), "classic");
  });
  it("APP-2: network and gateway are read case- and space-insensitively; anything else is application", () => {
    assert.strictEqual(balancerKind(balancer({ loadBalancerType: " Network " })), "network");
    assert.strictEqual(balancerKind(balancer({ loadBalancerType: "network" })), "network");
    assert.strictEqual(balancerKind(balancer({ loadBalancerType: "GATEWAY" })), "gateway");
    assert.strictEqual(balancerKind(balancer({ loadBalancerType: "gateway" })), "gateway");
    assert.strictEqual(balancerKind(balancer({ loadBalancerType: "application" })), "application");
    assert.strictEqual(balancerKind(balancer({})), "application");
    assert.strictEqual(balancerKind(balancer({}, "a", ALB_TYPE)), "application");
  });
  it("APP-2: a type unknown at preview is not known", () => {
    assert.strictEqual(balancerKind(balancer({ loadBalancerType: UNKNOWN.string })), undefined);
  });
});

describe("lib/listeners: listenerProtocol", () => {
  it("APP-2: upper-cases and trims the written protocol, whatever the balancer", () => {
    assert.strictEqual(listenerProtocol(listener({ protocol: " https " }), "application"), "HTTPS");
    assert.strictEqual(listenerProtocol(listener({ protocol: "tcp" }), "network"), "TCP");
    assert.strictEqual(listenerProtocol(listener({ protocol: "HTTP" }), undefined), "HTTP");
  });
  it("APP-2: an unset protocol is HTTP only on an application load balancer", () => {
    assert.strictEqual(listenerProtocol(listener({}), "application"), "HTTP");
    assert.strictEqual(listenerProtocol(listener({ protocol: "  " }), "application"), "HTTP");
    assert.strictEqual(listenerProtocol(listener({}), "network"), "");
    assert.strictEqual(listenerProtocol(listener({}), "gateway"), "");
    assert.strictEqual(listenerProtocol(listener({}), undefined), "");
  });
  it("APP-2: a protocol unknown at preview is empty, also on an application load balancer", () => {
    assert.strictEqual(listenerProtocol(listener({ protocol: UNKNOWN.string }), "application"), "");
  });
});

describe("lib/listeners: balancerOf", () => {
  it("APP-2: finds the balancer by loadBalancerArn value or by dependency", () => {
    const lb = balancer({}, "lb");
    const other = balancer({}, "other");
    const index = new RefIndex([lb, other]);
    assert.strictEqual(balancerOf(listener({}), index), lb);
    assert.strictEqual(
      balancerOf(
        resource(LISTENER, "l", { loadBalancerArn: UNKNOWN.string }, { loadBalancerArn: [other] }),
        index,
      ),
      other,
    );
    assert.strictEqual(balancerOf(listener({ loadBalancerArn: "elsewhere" }), index), undefined);
  });
});

describe("lib/listeners: frontListeners", () => {
  it("NET-5: reports each listener with its balancer's kind, facing, protocol and port (both spellings)", () => {
    const out = frontListeners([
      balancer({ loadBalancerType: "network" }, "nlb"),
      balancer({ internal: false, securityGroups: ["sg-1"] }, "alb", ALB_TYPE),
      listener({ loadBalancerArn: "nlb-arn", protocol: "tcp", port: 22 }, "ssh"),
      listener({ loadBalancerArn: "alb-arn", port: 80 }, "http", ALB_LISTENER),
      // Only listeners and Classic Load Balancers have listeners, whatever other resources hold.
      resource("aws:lb/targetGroup:TargetGroup", "tg", {
        port: 22,
        protocol: "TCP",
        listeners: [{ lbPort: 22, lbProtocol: "tcp" }],
      }),
    ]);
    assert.deepStrictEqual(facts(out), [
      {
        owner: "ssh",
        where: "listener 'ssh'",
        balancer: "nlb",
        kind: "network",
        protocol: "TCP",
        port: 22,
        internetFacing: true,
        hasSecurityGroups: false,
      },
      {
        owner: "http",
        where: "listener 'http'",
        balancer: "alb",
        kind: "application",
        protocol: "HTTP",
        port: 80,
        internetFacing: true,
        hasSecurityGroups: true,
      },
    ]);
  });
  it("NET-5: internal only when internal is true; security groups unknown at preview still count", () => {
    const facing = (props: Record<string, unknown>) =>
      facts(
        frontListeners([
          balancer({ loadBalancerType: "network", ...props }, "nlb"),
          listener({ loadBalancerArn: "nlb-arn", protocol: "TCP", port: 22 }),
        ]),
      ).map((l) => [l.internetFacing, l.hasSecurityGroups]);
    assert.deepStrictEqual(facing({ internal: true }), [[false, false]]);
    assert.deepStrictEqual(facing({ internal: false, securityGroups: [] }), [[true, false]]);
    assert.deepStrictEqual(facing({ securityGroups: UNKNOWN.array }), [[true, true]]);
    assert.deepStrictEqual(facing({ securityGroups: ["sg-1"] }), [[true, true]]);
  });
  it("NET-5: leaves out a listener whose balancer is outside the stack or whose kind or facing is unknown", () => {
    const only = (lb: PolicyResource) =>
      frontListeners([lb, listener({ loadBalancerArn: "lb-arn", protocol: "TCP", port: 22 })]);
    assert.deepStrictEqual(only(balancer({ loadBalancerType: UNKNOWN.string })), []);
    assert.deepStrictEqual(only(balancer({ internal: UNKNOWN.boolean })), []);
    assert.deepStrictEqual(only(resource("aws:ec2/instance:Instance", "lb", {})), []);
    assert.deepStrictEqual(only(balancer({})).length, 1);
  });
  it("NET-5: a port or protocol unknown at preview is left open, the listener kept", () => {
    const out = frontListeners([
      balancer({ loadBalancerType: "network" }),
      listener({ protocol: UNKNOWN.string, port: UNKNOWN.number }),
    ]);
    assert.deepStrictEqual(
      facts(out).map((l) => [l.protocol, l.port]),
      [["", undefined]],
    );
  });
  it("NET-5: a Classic Load Balancer gives one entry per inline listener, on the balancer itself", () => {
    const out = frontListeners([
      resource(CLASSIC, "old", {
        internal: false,
        listeners: [
          { lbPort: 8080, lbProtocol: " tcp ", instancePort: 8080, instanceProtocol: "tcp" },
          { lbPort: 443, lbProtocol: "ssl", instancePort: 8443, instanceProtocol: "tcp" },
        ],
      }),
    ]);
    assert.deepStrictEqual(facts(out), [
      {
        owner: "old",
        where: "listeners[0]",
        balancer: "old",
        kind: "classic",
        protocol: "TCP",
        port: 8080,
        internetFacing: true,
        hasSecurityGroups: false,
      },
      {
        owner: "old",
        where: "listeners[1]",
        balancer: "old",
        kind: "classic",
        protocol: "SSL",
        port: 443,
        internetFacing: true,
        hasSecurityGroups: false,
      },
    ]);
  });
  it("NET-5: Classic listeners unknown at preview: the list, one element, or one field", () => {
    assert.deepStrictEqual(
      frontListeners([resource(CLASSIC, "old", { listeners: UNKNOWN.array })]),
      [],
    );
    assert.deepStrictEqual(
      frontListeners([
        resource(CLASSIC, "old", { internal: UNKNOWN.boolean, listeners: [{ lbPort: 80 }] }),
      ]),
      [],
    );
    const out = frontListeners([
      resource(CLASSIC, "old", {
        internal: true,
        securityGroups: ["sg-1"],
        listeners: [
          UNKNOWN.object,
          { lbPort: UNKNOWN.number, lbProtocol: UNKNOWN.string },
          { lbPort: 80, lbProtocol: "http" },
        ],
      }),
    ]);
    assert.deepStrictEqual(
      facts(out).map((l) => [l.where, l.protocol, l.port, l.internetFacing, l.hasSecurityGroups]),
      [
        ["listeners[1]", "", undefined, false, true],
        ["listeners[2]", "HTTP", 80, false, true],
      ],
    );
  });
});
