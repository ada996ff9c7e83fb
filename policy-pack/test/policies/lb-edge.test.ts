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
