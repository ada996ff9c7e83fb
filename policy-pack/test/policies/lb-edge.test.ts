// TLS at the edge (APP-2: listeners, CloudFront) and load balancers exposed to the internet (NET-5).
import * as assert from "assert";
import { ResourceUnderTest, UNKNOWN } from "../../harness/evaluate";
import { assertBlocks, assertPasses, hits, res, run } from "../helpers";

const L = "aws:lb/listener:Listener";
const ALB_L = "aws:alb/listener:Listener";
const LB = "aws:lb/loadBalancer:LoadBalancer";
const RULE = "aws:lb/listenerRule:ListenerRule";
const ALB_RULE = "aws:alb/listenerRule:ListenerRule";
const CLB = "aws:elb/loadBalancer:LoadBalancer";
const CF = "aws:cloudfront/distribution:Distribution";
const CF_MT = "aws:cloudfront/multitenantDistribution:MultitenantDistribution";
const VPC_ORIGIN = "aws:cloudfront/vpcOrigin:VpcOrigin";

const REDIRECT = "lb-http-redirects-to-https";
const INTERNET = "lb-internet-listeners";
const VIEWER = "cloudfront-viewer-https";
const ORIGIN = "cloudfront-origin-https";

const redirect = [
  { type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } },
];
const forward = [{ type: "forward", targetGroupArn: "tg-arn" }];

function listener(name: string, props: Record<string, unknown>): ResourceUnderTest {
  return res(L, { loadBalancerArn: "alb-arn", port: 80, ...props }, name);
}

describe("policies/loadbalancing: plain HTTP to the app (APP-2)", () => {
  const alb = res(LB, { loadBalancerType: "application", internal: false }, "alb");
  it("APP-2: blocks a listener rule that forwards on a redirecting HTTP listener (lb and alb spellings)", () => {
    for (const ruleType of [RULE, ALB_RULE]) {
      const r = run([
        alb,
        listener("http", { protocol: "HTTP", defaultActions: redirect }),
        res(
          ruleType,
          { listenerArn: "http-arn", priority: 10, actions: forward, conditions: [] },
          "api",
        ),
      ]);
      assertBlocks(
        r,
        REDIRECT,
        /listener rule 'api' of HTTP listener 'http' actions\[0\] is "forward".*plain text/,
      );
      assert.strictEqual(hits(r, REDIRECT)[0].resourceName, "api");
    }
  });
  it("APP-2: passes a rule that redirects to HTTPS on the HTTP listener, and a forwarding rule on the HTTPS listener", () => {
    const r = run([
      alb,
      listener("http", { protocol: "HTTP", defaultActions: redirect }),
      listener("https", {
        protocol: "HTTPS",
        port: 443,
        sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        defaultActions: forward,
      }),
      res(RULE, { listenerArn: "http-arn", actions: redirect, conditions: [] }, "r1"),
      res(RULE, { listenerArn: "https-arn", actions: forward, conditions: [] }, "r2"),
    ]);
    assertPasses(r, REDIRECT);
  });
  it("APP-2: a rule on an HTTP listener found through property dependencies blocks, also at preview", () => {
    const r = run(
      [
        alb,
        listener("http", { protocol: "HTTP", defaultActions: redirect }),
        {
          ...res(RULE, { listenerArn: UNKNOWN.string, actions: forward, conditions: [] }, "api"),
          propertyDependencies: { listenerArn: ["http"] },
        },
      ],
      {},
      true,
    );
    assertBlocks(r, REDIRECT, /'api'/);
  });
  it("APP-2: a listener without protocol on an application load balancer is HTTP (the provider's default)", () => {
    assertBlocks(
      run([alb, listener("bare", { defaultActions: forward })]),
      REDIRECT,
      /listener 'bare' \(no protocol on application load balancer 'alb', so HTTP\) defaultActions\[0\] is "forward"/,
    );
    assertBlocks(
      run([
        alb,
        listener("bare", { defaultActions: redirect }),
        res(RULE, { listenerArn: "bare-arn", actions: forward }, "r"),
      ]),
      REDIRECT,
      /listener rule 'r' of HTTP listener 'bare'/,
    );
    assertPasses(run([alb, listener("bare", { defaultActions: redirect })]), REDIRECT);
    // On a network load balancer, or a balancer outside the stack, an unset protocol is not judged.
    assertPasses(
      run([
        res(LB, { loadBalancerType: "network" }, "alb"),
        listener("bare", { defaultActions: forward }),
      ]),
      REDIRECT,
    );
    assertPasses(run(listener("bare", { defaultActions: forward })), REDIRECT);
  });
  it("APP-2: blocks a Classic Load Balancer HTTP listener (it cannot redirect); passes HTTPS", () => {
    const clb = (lbProtocol: string) =>
      res(
        CLB,
        { listeners: [{ lbPort: 80, lbProtocol, instancePort: 8080, instanceProtocol: "http" }] },
        "old",
      );
    assertBlocks(
      run(clb("http")),
      REDIRECT,
      /listeners\[0\] of Classic Load Balancer 'old' serves HTTP on port 80.*cannot redirect/,
    );
    assertPasses(run(clb("HTTPS")), REDIRECT);
  });
});

describe("policies/loadbalancing: internet-facing Network and Classic Load Balancers (NET-5, APP-2)", () => {
  const nlb = (props: Record<string, unknown> = {}) =>
    res(LB, { loadBalancerType: "network", ...props }, "nlb");
  const nlbListener = (protocol: string, port: number) =>
    res(L, { loadBalancerArn: "nlb-arn", protocol, port, defaultActions: forward }, `l${port}`);

  it("NET-5: blocks an admin or database port on an internet-facing NLB without security groups (TCP, TLS, UDP)", () => {
    assertBlocks(
      run([nlb(), nlbListener("TCP", 22)]),
      INTERNET,
      /^NET-5: listener 'l22' of internet-facing Network Load Balancer 'nlb', which has no security groups, listens on TCP port 22/,
    );
    assertBlocks(run([nlb(), nlbListener("TLS", 5432)]), INTERNET, /5432/);
    assertBlocks(run([nlb(), nlbListener("UDP", 3389)]), INTERNET, /3389/);
  });
  it("NET-5: an internal NLB, or one with security groups (their rules decide), passes", () => {
    assertPasses(run([nlb({ internal: true }), nlbListener("TCP", 22)]), INTERNET);
    assertPasses(run([nlb({ securityGroups: ["sg-1"] }), nlbListener("TCP", 22)]), INTERNET);
  });
  it("APP-2: blocks plain TCP to the app on an internet-facing NLB; passes TLS, TCP 443 passthrough and UDP", () => {
    assertBlocks(
      run([nlb({ securityGroups: ["sg-1"] }), nlbListener("TCP", 8080)]),
      INTERNET,
      /^APP-2: listener 'l8080'.*plain TCP on port 8080.*"TLS" with certificateArn/,
    );
    assertBlocks(run([nlb(), nlbListener("TCP_UDP", 80)]), INTERNET, /TCP_UDP on port 80/);
    assertPasses(run([nlb(), nlbListener("TLS", 8443)]), INTERNET);
    assertPasses(run([nlb(), nlbListener("TCP", 443)]), INTERNET);
    assertPasses(run([nlb(), nlbListener("UDP", 53)]), INTERNET);
    assertPasses(run([nlb({ internal: true }), nlbListener("TCP", 8080)]), INTERNET);
  });
  it("APP-2: the passthrough and admin port lists are configurable", () => {
    assertPasses(
      run([nlb(), nlbListener("TCP", 8443)], { [INTERNET]: { tlsPassthroughPorts: [443, 8443] } }),
      INTERNET,
    );
    assertBlocks(
      run([nlb(), nlbListener("TCP", 443)], { [INTERNET]: { tlsPassthroughPorts: [] } }),
      INTERNET,
    );
  });
  it("APP-2: blocks a plain TCP listener on an internet-facing Classic Load Balancer", () => {
    const clb = (props: Record<string, unknown>) =>
      res(
        CLB,
        {
          listeners: [
            { lbPort: 8080, lbProtocol: "tcp", instancePort: 8080, instanceProtocol: "tcp" },
          ],
          ...props,
        },
        "old",
      );
    assertBlocks(
      run(clb({})),
      INTERNET,
      /listeners\[0\] of internet-facing Classic Load Balancer 'old' forwards plain TCP on port 8080.*"SSL"\/"HTTPS" with sslCertificateId/,
    );
    assertPasses(run(clb({ internal: true })), INTERNET);
  });
  it("NET-5/APP-2: a balancer whose internal flag is unknown at preview, or outside the stack, is not judged", () => {
    assertPasses(
      run([nlb({ internal: UNKNOWN.boolean }), nlbListener("TCP", 22)], {}, true),
      INTERNET,
    );
    assertPasses(run(nlbListener("TCP", 22)), INTERNET);
  });
});

describe("policies/edge: CloudFront (APP-2)", () => {
  const good = (extra: Record<string, unknown> = {}) => ({
    enabled: true,
    origins: [
      {
        domainName: "app.example.com",
        originId: "app",
        customOriginConfig: {
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy: "https-only",
          originSslProtocols: ["TLSv1.2"],
        },
      },
    ],
    defaultCacheBehavior: { targetOriginId: "app", viewerProtocolPolicy: "redirect-to-https" },
    orderedCacheBehaviors: [
      { pathPattern: "/api/*", targetOriginId: "app", viewerProtocolPolicy: "https-only" },
    ],
    viewerCertificate: {
      acmCertificateArn: "arn:aws:acm:us-east-1:1:certificate/x",
      sslSupportMethod: "sni-only",
      minimumProtocolVersion: "TLSv1.2_2021",
    },
    ...extra,
  });
  it("APP-2: passes a distribution with HTTPS viewers, a custom certificate at TLSv1.2_2021 and an HTTPS origin", () => {
    const r = run(res(CF, good()));
    assertPasses(r, VIEWER);
    assertPasses(r, ORIGIN);
    assertPasses(
      run(
        res(
          CF,
          good({
            viewerCertificate: {
              acmCertificateArn: "a",
              sslSupportMethod: "sni-only",
              minimumProtocolVersion: "TLSv1.3_2025",
            },
          }),
        ),
      ),
      VIEWER,
    );
  });
  it("APP-2: blocks allow-all on the default and on an ordered cache behaviour", () => {
    assertBlocks(
      run(res(CF, good({ defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" } }))),
      VIEWER,
      /defaultCacheBehavior\.viewerProtocolPolicy "allow-all"/,
    );
    assertBlocks(
      run(
        res(
          CF,
          good({
            orderedCacheBehaviors: [
              { viewerProtocolPolicy: "https-only" },
              { viewerProtocolPolicy: "ALLOW-ALL" },
            ],
          }),
        ),
      ),
      VIEWER,
      /orderedCacheBehaviors\[1\]\.viewerProtocolPolicy "ALLOW-ALL"/,
    );
  });
  it("APP-2: blocks the default certificate, vip SSL support and minimum protocols below TLS 1.2", () => {
    assertBlocks(
      run(res(CF, good({ viewerCertificate: { cloudfrontDefaultCertificate: true } }))),
      VIEWER,
      /default \*\.cloudfront\.net certificate.*TLSv1/,
    );
    assertBlocks(
      run(
        res(
          CF,
          good({
            viewerCertificate: {
              acmCertificateArn: "a",
              sslSupportMethod: "vip",
              minimumProtocolVersion: "TLSv1.2_2021",
            },
          }),
        ),
      ),
      VIEWER,
      /"vip"/,
    );
    for (const v of ["TLSv1", "TLSv1_2016", "TLSv1.1_2016", "SSLv3", undefined]) {
      assertBlocks(
        run(
          res(
            CF,
            good({
              viewerCertificate: {
                acmCertificateArn: "a",
                sslSupportMethod: "sni-only",
                minimumProtocolVersion: v,
              },
            }),
          ),
        ),
        VIEWER,
        /below TLS 1\.2/,
      );
    }
  });
  it("APP-2: multi-tenant distributions are judged the same way (cacheBehaviors)", () => {
    const mt = {
      defaultCacheBehavior: { viewerProtocolPolicy: "redirect-to-https" },
      viewerCertificate: {
        acmCertificateArn: "a",
        sslSupportMethod: "sni-only",
        minimumProtocolVersion: "TLSv1.2_2021",
      },
    };
    assertPasses(run(res(CF_MT, mt)), VIEWER);
    assertBlocks(
      run(res(CF_MT, { ...mt, cacheBehaviors: [{ viewerProtocolPolicy: "allow-all" }] })),
      VIEWER,
      /multi-tenant distribution 'subject' has cacheBehaviors\[0\]/,
    );
  });
  it("APP-2: blocks an http-only or TLS 1.0 custom origin and VPC origin; S3 origins pass", () => {
    const origin = (customOriginConfig: Record<string, unknown>) =>
      good({
        origins: [
          {
            domainName: "x",
            originId: "x",
            customOriginConfig: { httpPort: 80, httpsPort: 443, ...customOriginConfig },
          },
        ],
      });
    assertBlocks(
      run(res(CF, origin({ originProtocolPolicy: "http-only", originSslProtocols: ["TLSv1.2"] }))),
      ORIGIN,
      /origins\[0\]\.customOriginConfig has originProtocolPolicy "http-only"/,
    );
    assertBlocks(
      run(
        res(
          CF,
          origin({ originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1", "TLSv1.2"] }),
        ),
      ),
      ORIGIN,
      /originSslProtocols \["TLSv1"\]/,
    );
    assertPasses(
      run(
        res(
          CF,
          good({
            origins: [
              { domainName: "b.s3.amazonaws.com", originId: "s3", originAccessControlId: "oac" },
            ],
          }),
        ),
      ),
      ORIGIN,
    );
    const vpcOrigin = (originProtocolPolicy: string, items: string[]) =>
      res(VPC_ORIGIN, {
        vpcOriginEndpointConfig: {
          arn: "alb",
          name: "o",
          httpPort: 80,
          httpsPort: 443,
          originProtocolPolicy,
          originSslProtocols: { items, quantity: items.length },
        },
      });
    assertBlocks(
      run(vpcOrigin("http-only", ["TLSv1.2"])),
      ORIGIN,
      /VPC origin 'subject' has originProtocolPolicy "http-only"/,
    );
    assertBlocks(run(vpcOrigin("https-only", ["TLSv1.1"])), ORIGIN, /TLSv1\.1/);
    assertPasses(run(vpcOrigin("https-only", ["TLSv1.2"])), ORIGIN);
  });
  it("APP-2: a certificate unknown at preview is the engine's advisory; a known allow-all beside it still blocks", () => {
    const r = run(
      res(
        CF,
        good({
          viewerCertificate: UNKNOWN.object,
          defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" },
        }),
      ),
      {},
      true,
    );
    assertBlocks(r, VIEWER, /allow-all/);
    assert.strictEqual(hits(r, VIEWER, "advisory").length, 1);
  });
});

describe("policies/edge: boundaries of the viewer and origin checks (APP-2)", () => {
  const cert = {
    acmCertificateArn: "arn:aws:acm:us-east-1:1:certificate/x",
    sslSupportMethod: "sni-only",
    minimumProtocolVersion: "TLSv1.2_2021",
  };
  const dist = (extra: Record<string, unknown> = {}) => ({
    defaultCacheBehavior: { viewerProtocolPolicy: "https-only" },
    viewerCertificate: cert,
    ...extra,
  });
  const withMinimum = (minimumProtocolVersion: unknown) =>
    run(res(CF, dist({ viewerCertificate: { ...cert, minimumProtocolVersion } })));

  it("APP-2: viewer protocol policies are read case- and space-insensitively; an unset one blocks", () => {
    assertPasses(
      run(res(CF, dist({ defaultCacheBehavior: { viewerProtocolPolicy: " Redirect-To-HTTPS " } }))),
      VIEWER,
    );
    assertPasses(
      run(res(CF, dist({ defaultCacheBehavior: { viewerProtocolPolicy: "HTTPS-ONLY" } }))),
      VIEWER,
    );
    assertBlocks(
      run(res(CF, dist({ defaultCacheBehavior: { targetOriginId: "app" } }))),
      VIEWER,
      /defaultCacheBehavior\.viewerProtocolPolicy/,
    );
    assertBlocks(run(res(CF, dist({ defaultCacheBehavior: undefined }))), VIEWER);
    assertBlocks(
      run(res(CF, dist({ defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" } }))),
      VIEWER,
      /^APP-2: CloudFront distribution 'subject' has defaultCacheBehavior/,
    );
  });
  it("APP-2: each behaviour is judged on its own: one message per plain-HTTP behaviour", () => {
    const r = run(
      res(
        CF,
        dist({
          defaultCacheBehavior: { viewerProtocolPolicy: "allow-all" },
          orderedCacheBehaviors: [
            { viewerProtocolPolicy: "allow-all" },
            { viewerProtocolPolicy: "redirect-to-https" },
          ],
        }),
      ),
    );
    assert.strictEqual(hits(r, VIEWER).length, 2);
    // The multi-tenant list is cacheBehaviors; orderedCacheBehaviors is not its field.
    assertPasses(
      run(res(CF_MT, dist({ orderedCacheBehaviors: [{ viewerProtocolPolicy: "allow-all" }] }))),
      VIEWER,
    );
    assertPasses(
      run(res(CF, dist({ cacheBehaviors: [{ viewerProtocolPolicy: "allow-all" }] }))),
      VIEWER,
    );
  });
  it("APP-2: TLSv1.2_2018, _2019, _2021 and TLSv1.3_2025 pass; anything that is not exactly such a policy blocks", () => {
    for (const v of [
      "TLSv1.2_2018",
      "TLSv1.2_2019",
      "TLSv1.2_2021",
      "TLSv1.3_2025",
      " TLSv1.2_2021 ",
    ]) {
      assertPasses(withMinimum(v), VIEWER);
    }
    for (const v of [
      "TLSv1.1_2016",
      "TLSv1_2016",
      "TLSv1.2",
      "TLSv1.2_21",
      "TLSv1.2_2021x",
      "xTLSv1.2_2021",
      "TLSv1.4_2030",
      "TLSv1.2_abcd",
      "",
      42,
    ]) {
      assertBlocks(withMinimum(v), VIEWER, /minimumProtocolVersion.*below TLS 1\.2/);
    }
    assertBlocks(withMinimum(undefined), VIEWER, /\(CloudFront's default TLSv1\)/);
  });
  it("APP-2: the default certificate blocks even beside a TLS 1.2 minimum; an absent viewerCertificate is the default", () => {
    const msgs = assertBlocks(
      run(
        res(
          CF,
          dist({
            viewerCertificate: {
              cloudfrontDefaultCertificate: true,
              minimumProtocolVersion: "TLSv1.2_2021",
            },
          }),
        ),
      ),
      VIEWER,
      /default \*\.cloudfront\.net certificate.*; use a custom domain with an ACM certificate \(acmCertificateArn, sslSupportMethod "sni-only"\)/,
    );
    assert.strictEqual(msgs.length, 1);
    assertBlocks(
      run(res(CF, dist({ viewerCertificate: undefined }))),
      VIEWER,
      /default \*\.cloudfront\.net certificate/,
    );
    // cloudfrontDefaultCertificate false with a custom certificate is judged on its policy.
    assertPasses(
      run(res(CF, dist({ viewerCertificate: { ...cert, cloudfrontDefaultCertificate: false } }))),
      VIEWER,
    );
  });
  it("APP-2: vip is read case- and space-insensitively and reported once, not also as a low minimum", () => {
    const msgs = assertBlocks(
      run(
        res(
          CF,
          dist({
            viewerCertificate: {
              ...cert,
              sslSupportMethod: " VIP ",
              minimumProtocolVersion: "TLSv1",
            },
          }),
        ),
      ),
      VIEWER,
      /sslSupportMethod "vip"/,
    );
    assert.strictEqual(msgs.length, 1);
    assertPasses(
      run(res(CF, dist({ viewerCertificate: { ...cert, sslSupportMethod: "static-ip" } }))),
      VIEWER,
    );
  });
  it("APP-2: origin protocol policy and SSL protocols, read case- and space-insensitively", () => {
    const custom = (customOriginConfig: Record<string, unknown> | null) =>
      run(res(CF, dist({ origins: [{ domainName: "x", originId: "x", customOriginConfig }] })));
    const msgs = assertBlocks(
      custom({ originProtocolPolicy: " HTTP-Only ", originSslProtocols: ["SSLv3"] }),
      ORIGIN,
      /origins\[0\]\.customOriginConfig has originProtocolPolicy "http-only"/,
    );
    // http-only is the whole finding: its SSL protocols are never used.
    assert.strictEqual(msgs.length, 1);
    assert.ok(!/SSLv3/.test(msgs[0]), msgs[0]);
    for (const p of ["SSLv3", "TLSv1", "TLSv1.1", " TLSv1 "]) {
      assertBlocks(
        custom({ originProtocolPolicy: "match-viewer", originSslProtocols: ["TLSv1.2", p] }),
        ORIGIN,
        /originSslProtocols \[".*"\] \(below TLS 1\.2\)/,
      );
    }
    assertBlocks(
      custom({
        originProtocolPolicy: "https-only",
        originSslProtocols: ["SSLv3", "TLSv1.1", "TLSv1.2"],
      }),
      ORIGIN,
      /originSslProtocols \["SSLv3","TLSv1\.1"\]/,
    );
    assertPasses(
      custom({ originProtocolPolicy: "match-viewer", originSslProtocols: ["TLSv1.2"] }),
      ORIGIN,
    );
    assertPasses(custom({ originProtocolPolicy: "https-only" }), ORIGIN);
    assertPasses(custom(null), ORIGIN);
  });
  it("APP-2: every origin is judged, each reported with its index (standard and multi-tenant)", () => {
    for (const type of [CF, CF_MT]) {
      const r = run(
        res(
          type,
          dist({
            origins: [
              {
                domainName: "a",
                originId: "a",
                customOriginConfig: { originProtocolPolicy: "http-only" },
              },
              {
                domainName: "b",
                originId: "b",
                customOriginConfig: { originProtocolPolicy: "https-only" },
              },
              {
                domainName: "c",
                originId: "c",
                customOriginConfig: { originProtocolPolicy: "http-only" },
              },
            ],
          }),
        ),
      );
      const msgs = hits(r, ORIGIN).map((v) => v.message);
      assert.strictEqual(msgs.length, 2, msgs.join(" | "));
      assert.match(
        msgs[0],
        new RegExp(
          `^APP-2: CloudFront ${type === CF ? "distribution" : "multi-tenant distribution"} 'subject' origins\\[0\\].*; set originProtocolPolicy "https-only" .* originSslProtocols \\["TLSv1\\.2"\\]`,
        ),
      );
      assert.match(msgs[0], /origins\[0\]/);
      assert.match(msgs[1], /origins\[2\]/);
    }
  });
  it("APP-2: a VPC origin with TLS 1.2 only and match-viewer passes; SSLv3 blocks; other types are not judged", () => {
    const vpc = (config: Record<string, unknown>) =>
      run(res(VPC_ORIGIN, { vpcOriginEndpointConfig: { arn: "alb", name: "o", ...config } }));
    assertPasses(
      vpc({
        originProtocolPolicy: "match-viewer",
        originSslProtocols: { items: ["TLSv1.2"], quantity: 1 },
      }),
      ORIGIN,
    );
    assertBlocks(
      vpc({
        originProtocolPolicy: "https-only",
        originSslProtocols: { items: ["SSLv3"], quantity: 1 },
      }),
      ORIGIN,
      /VPC origin 'subject' has originSslProtocols \["SSLv3"\]/,
    );
    // A VPC origin has no viewers: the viewer policy does not judge it.
    assertPasses(vpc({ originProtocolPolicy: "http-only" }), VIEWER);
    assertPasses(
      run(
        res("aws:s3/bucket:Bucket", {
          origins: [{ customOriginConfig: { originProtocolPolicy: "http-only" } }],
        }),
      ),
      ORIGIN,
    );
  });
});

describe("ALB listener spelling", () => {
  it("APP-2: aws.alb.Listener rules behave like aws.lb.Listener", () => {
    const r = run([
      res(LB, {}, "alb"),
      res(
        ALB_L,
        { loadBalancerArn: "alb-arn", protocol: "HTTP", defaultActions: redirect },
        "http",
      ),
      res(
        ALB_RULE,
        {
          listenerArn: "http-arn",
          actions: [
            {
              type: "fixed-response",
              fixedResponse: { contentType: "text/plain", statusCode: "200" },
            },
          ],
        },
        "hc",
      ),
    ]);
    assertBlocks(r, REDIRECT, /"fixed-response"/);
  });
});
