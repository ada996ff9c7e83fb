import * as assert from "assert";
import { UNKNOWN } from "../../harness/evaluate";
import { lbInternetListeners, lbTlsPolicy } from "../../policies/loadbalancing";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const L = "aws:lb/listener:Listener";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const ALB = "aws:alb/loadBalancer:LoadBalancer";
const CLB = "aws:elb/loadBalancer:LoadBalancer";
const RULE = "aws:lb/listenerRule:ListenerRule";

const REDIRECT = "lb-http-redirects-to-https";
const INTERNET = "lb-internet-listeners";
const TLS = "lb-tls-policy";
const HEADERS = "alb-drop-invalid-headers";
const MODERN = "ELBSecurityPolicy-TLS13-1-2-2021-06";

const toHttps = {
  type: "redirect",
  redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
};
const forward = { type: "forward", targetGroupArn: "tg" };

describe("policies/loadbalancing", () => {
  it("APP-2: blocks an HTTP listener that forwards, passes one that redirects to HTTPS", () => {
    assertBlocks(
      run(
        res(L, {
          protocol: "HTTP",
          port: 80,
          defaultActions: [{ type: "forward", targetGroupArn: "tg" }],
        }),
      ),
      "lb-http-redirects-to-https",
      /"forward"/,
    );
    assertBlocks(
      run(
        res("aws:alb/listener:Listener", {
          protocol: "http",
          port: 80,
          defaultActions: [{ type: "redirect", redirect: { protocol: "HTTP", port: "8080" } }],
        }),
      ),
      "lb-http-redirects-to-https",
    );
    assertBlocks(
      run(res(L, { protocol: "HTTP", port: 80, defaultActions: [] })),
      "lb-http-redirects-to-https",
    );
    assertPasses(
      run(
        res(L, {
          protocol: "HTTP",
          port: 80,
          defaultActions: [
            {
              type: "redirect",
              redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" },
            },
          ],
        }),
      ),
      "lb-http-redirects-to-https",
    );
  });
  it("APP-2: blocks an HTTPS listener without sslPolicy or with an old one, passes TLS13-1-2-2021-06", () => {
    assertBlocks(
      run(
        res(L, {
          protocol: "HTTPS",
          port: 443,
          certificateArn: "c",
          defaultActions: [{ type: "forward" }],
        }),
      ),
      "lb-tls-policy",
      /2016-08/,
    );
    assertBlocks(
      run(res(L, { protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS-1-0-2015-04" })),
      "lb-tls-policy",
    );
    assertPasses(
      run(
        res(L, { protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06" }),
      ),
      "lb-tls-policy",
    );
  });
  it("APP-2: the allowed TLS policies are configurable", () => {
    assertPasses(
      run(res(L, { protocol: "TLS", port: 443, sslPolicy: "Custom" }), {
        "lb-tls-policy": { allowedSslPolicies: ["Custom"] },
      }),
      "lb-tls-policy",
    );
  });
  it("APP-2: blocks an ALB that keeps invalid headers; network load balancers are not judged", () => {
    assertBlocks(
      run(
        res("aws:lb/loadBalancer:LoadBalancer", {
          loadBalancerType: "application",
          subnets: ["a", "b"],
        }),
      ),
      "alb-drop-invalid-headers",
    );
    assertBlocks(
      run(res("aws:alb/loadBalancer:LoadBalancer", { dropInvalidHeaderFields: false })),
      "alb-drop-invalid-headers",
    );
    assertPasses(
      run(res("aws:lb/loadBalancer:LoadBalancer", { loadBalancerType: "network" })),
      "alb-drop-invalid-headers",
    );
    assertPasses(
      run(res("aws:lb/loadBalancer:LoadBalancer", { dropInvalidHeaderFields: true })),
      "alb-drop-invalid-headers",
    );
  });

  it("APP-2: an HTTP listener's actions are read case- and space-insensitively, each judged on its own", () => {
    assertPasses(
      run(
        res(L, {
          protocol: " http ",
          defaultActions: [{ type: " Redirect ", redirect: { protocol: " https " } }],
        }),
      ),
      REDIRECT,
    );
    const msgs = assertBlocks(
      run(res(L, { protocol: " http ", defaultActions: [toHttps, forward, toHttps] })),
      REDIRECT,
      /defaultActions\[1\] is "forward"/,
    );
    assert.strictEqual(msgs.length, 1);
    // A redirect target on a forward action does not make it a redirect.
    assertBlocks(
      run(
        res(L, {
          protocol: "HTTP",
          defaultActions: [{ type: "forward", redirect: { protocol: "HTTPS" } }],
        }),
      ),
      REDIRECT,
      /"forward"/,
    );
    assertBlocks(run(res(L, { protocol: "HTTP" })), REDIRECT, /has no defaultActions/);
  });
  it("APP-2: HTTPS, TLS and TCP listeners are not judged by the redirect policy", () => {
    for (const protocol of ["HTTPS", "TLS", "TCP"]) {
      assertPasses(
        run(res(L, { protocol, sslPolicy: MODERN, defaultActions: [forward] })),
        REDIRECT,
      );
    }
  });
  it("APP-2: Classic Load Balancer listeners: only HTTP ones block, each reported with its index", () => {
    const msgs = assertBlocks(
      run(
        res(CLB, {
          listeners: [
            { lbPort: 443, lbProtocol: "HTTPS", instancePort: 80, instanceProtocol: "http" },
            { lbPort: 80, lbProtocol: " Http ", instancePort: 80, instanceProtocol: "http" },
            { lbPort: 8443, lbProtocol: "ssl", instancePort: 80, instanceProtocol: "tcp" },
          ],
        }),
      ),
      REDIRECT,
      /listeners\[1\] of Classic Load Balancer/,
    );
    assert.strictEqual(msgs.length, 1);
  });
  it("APP-2: a listener without protocol on an ALB is found by dependency and reported on the listener", () => {
    const r = run(
      [
        res(ALB, { internal: false }, "web"),
        {
          ...res(L, { loadBalancerArn: UNKNOWN.string, defaultActions: [forward] }, "bare"),
          propertyDependencies: { loadBalancerArn: ["web"] },
        },
      ],
      {},
      true,
    );
    assertBlocks(
      r,
      REDIRECT,
      /listener 'bare' \(no protocol on application load balancer 'web', so HTTP\)/,
    );
    assert.deepStrictEqual(
      hits(r, REDIRECT).map((v) => v.resourceName),
      ["bare"],
    );
    // Written HTTPS or TLS on that balancer is not HTTP, and a protocol unknown at preview is not judged.
    // (The unknown protocol is the engine's advisory on the listener; nothing blocks.)
    for (const protocol of ["HTTPS", UNKNOWN.string]) {
      const r2 = run(
        [
          res(ALB, {}, "web"),
          res(L, { loadBalancerArn: "web-arn", protocol, defaultActions: [forward] }, "l"),
          res(RULE, { listenerArn: "l-arn", actions: [forward] }, "r"),
        ],
        {},
        true,
      );
      assert.deepStrictEqual(hits(r2, REDIRECT, "mandatory"), []);
    }
  });
  it("APP-2: a rule is judged against the HTTP listener it is attached to, and only that one", () => {
    const r = run([
      res(L, { protocol: "HTTP", defaultActions: [toHttps] }, "http"),
      res(L, { protocol: "HTTPS", sslPolicy: MODERN, defaultActions: [forward] }, "https"),
      res(RULE, { listenerArn: "https-arn", actions: [forward] }, "ok"),
      res(RULE, { listenerArn: "http-arn", actions: [toHttps, forward] }, "bad"),
      res(RULE, { listenerArn: "http-arn" }, "empty"),
    ]);
    const found = hits(r, REDIRECT);
    assert.deepStrictEqual(
      found.map((v) => v.resourceName),
      ["bad", "empty"],
    );
    assert.match(found[0].message, /actions\[1\] is "forward"/);
    assert.match(found[1].message, /has no actions/);
  });
  it("NET-5: an internet-facing Classic Load Balancer on an admin port is left to its security groups", () => {
    assertPasses(
      run(
        res(CLB, {
          listeners: [{ lbPort: 22, lbProtocol: "tcp", instancePort: 22, instanceProtocol: "tcp" }],
        }),
      ),
      INTERNET,
    );
  });
  it("NET-5: an admin port on an internet-facing NLB without security groups blocks, reported on the listener", () => {
    const r = run([
      res(LB, { loadBalancerType: "network", securityGroups: [] }, "nlb"),
      res(
        L,
        { loadBalancerArn: "nlb-arn", protocol: "TCP", port: 6379, defaultActions: [forward] },
        "redis",
      ),
    ]);
    assertBlocks(r, INTERNET, /^NET-5: .*port 6379/);
    assert.deepStrictEqual(
      hits(r, INTERNET).map((v) => v.resourceName),
      ["redis"],
    );
    // The admin list is configurable: a port outside it is judged as app traffic instead.
    assertBlocks(
      run(
        [
          res(LB, { loadBalancerType: "network" }, "nlb"),
          res(
            L,
            { loadBalancerArn: "nlb-arn", protocol: "TLS", port: 2222, defaultActions: [forward] },
            "l",
          ),
        ],
        { [INTERNET]: { adminPorts: [2222] } },
      ),
      INTERNET,
      /port 2222/,
    );
  });
  it("NET-5/APP-2: application load balancers and listeners whose port is unknown at preview are not judged here", () => {
    assertPasses(
      run([
        res(LB, { loadBalancerType: "application" }, "alb"),
        res(
          L,
          { loadBalancerArn: "alb-arn", protocol: "HTTP", port: 22, defaultActions: [toHttps] },
          "l",
        ),
      ]),
      INTERNET,
    );
    assertPasses(
      run(
        [
          res(LB, { loadBalancerType: "network" }, "nlb"),
          res(L, { loadBalancerArn: "nlb-arn", protocol: "TCP", port: UNKNOWN.number }, "l"),
        ],
        {},
        true,
      ),
      INTERNET,
    );
  });
  it("APP-2: TLS policies: the protocol is read case- and space-insensitively, the policy trimmed; HTTP is not judged", () => {
    assertBlocks(run(res(L, { protocol: " tls ", port: 443 })), TLS, /TLS listener .*2016-08/);
    assertPasses(run(res(L, { protocol: "https", sslPolicy: ` ${MODERN} ` })), TLS);
    assertPasses(run(res(L, { protocol: "HTTP", port: 80, defaultActions: [toHttps] })), TLS);
    assertPasses(run(res(L, { protocol: "TCP", port: 443 })), TLS);
    // An empty sslPolicy means the AWS default, never an allowed policy.
    assertBlocks(
      run(res(L, { protocol: "HTTPS", sslPolicy: " " }), {
        [TLS]: { allowedSslPolicies: ["", MODERN] },
      }),
      TLS,
    );
    assertBlocks(
      run(res(L, { protocol: "HTTPS", sslPolicy: "ELBSecurityPolicy-TLS13-1-2-Res-2021-06" }), {
        [TLS]: { allowedSslPolicies: [MODERN] },
      }),
      TLS,
    );
  });
  it("APP-2: invalid-header dropping: the type is read case- and space-insensitively; gateway is not judged", () => {
    assertBlocks(run(res(LB, { loadBalancerType: " Application " })), HEADERS);
    assertPasses(run(res(LB, { loadBalancerType: " Network " })), HEADERS);
    assertPasses(run(res(LB, { loadBalancerType: "gateway" })), HEADERS);
    assertPasses(run(res(ALB, { dropInvalidHeaderFields: "true" })), HEADERS);
  });

  it("APP-2: names the HTTP listener and the action it finds, an action without type as unset", () => {
    assertBlocks(
      run(res(L, { protocol: "HTTP", defaultActions: [{ targetGroupArn: "tg" }] })),
      REDIRECT,
      /^APP-2: HTTP listener 'subject' defaultActions\[0\] is unset;/,
    );
  });
  it("APP-2: a rule on an HTTP listener whose balancer is outside the stack (or written with spaces) is judged", () => {
    for (const protocol of ["HTTP", " http "]) {
      assertBlocks(
        run([
          res(
            L,
            {
              loadBalancerArn: "arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/x/1",
              protocol,
              defaultActions: [toHttps],
            },
            "http",
          ),
          res(RULE, { listenerArn: "http-arn", actions: [forward] }, "api"),
        ]),
        REDIRECT,
        /listener rule 'api' of HTTP listener 'http' actions\[0\] is "forward"/,
      );
    }
  });
  it("APP-2: only balancers give an unset protocol its meaning, and only listener rules are judged against HTTP listeners", () => {
    // A target group sharing the balancer's handle is not a balancer: the bare listener is not judged.
    assertPasses(
      run([
        res("aws:lb/targetGroup:TargetGroup", { protocol: "HTTP", port: 8080 }, "web"),
        res(L, { loadBalancerArn: "web-arn", defaultActions: [forward] }, "bare"),
      ]),
      REDIRECT,
    );
    // A rule's listenerArn naming an HTTP target group, and a certificate on the HTTP listener.
    assertPasses(
      run([
        res("aws:lb/targetGroup:TargetGroup", { protocol: "HTTP", port: 8080 }, "tg"),
        res(RULE, { listenerArn: "tg-arn", actions: [forward] }, "odd"),
        res(L, { protocol: "HTTP", defaultActions: [toHttps] }, "http"),
        res(
          "aws:lb/listenerCertificate:ListenerCertificate",
          { listenerArn: "http-arn", certificateArn: "c" },
          "cert",
        ),
      ]),
      REDIRECT,
    );
  });
  it("APP-2: the message names the configured passthrough ports, leaving out entries that are not ports", () => {
    assertBlocks(
      run(
        [
          res(LB, { loadBalancerType: "network" }, "nlb"),
          res(
            L,
            { loadBalancerArn: "nlb-arn", protocol: "TCP", port: 8080, defaultActions: [forward] },
            "l",
          ),
        ],
        { [INTERNET]: { tlsPassthroughPorts: ["tls", 443, "8443"], adminPorts: ["ssh", 22] } },
      ),
      INTERNET,
      /or pass TLS through on 443\/8443\.$/,
    );
  });
  it("NET-5, APP-2: the engine validates the port and TLS policy lists (config schema)", () => {
    const props = (p: { configSchema?: { properties?: Record<string, unknown> } }) =>
      p.configSchema?.properties as Record<
        string,
        { type?: string; items?: unknown; default?: unknown }
      >;
    const internet = props(lbInternetListeners);
    assert.strictEqual(internet.adminPorts.type, "array");
    assert.deepStrictEqual(internet.adminPorts.items, { type: "number" });
    assert.ok(
      Array.isArray(internet.adminPorts.default) && internet.adminPorts.default.includes(22),
    );
    assert.strictEqual(internet.tlsPassthroughPorts.type, "array");
    assert.deepStrictEqual(internet.tlsPassthroughPorts.items, { type: "number" });
    assert.deepStrictEqual(internet.tlsPassthroughPorts.default, [443]);
    const tls = props(lbTlsPolicy);
    assert.strictEqual(tls.allowedSslPolicies.type, "array");
    assert.deepStrictEqual(tls.allowedSslPolicies.items, { type: "string" });
    assert.ok(
      Array.isArray(tls.allowedSslPolicies.default) &&
        tls.allowedSslPolicies.default.includes(MODERN),
    );
  });
});
