import { assertBlocks, assertPasses, res, run } from "../helpers";

const L = "aws:lb/listener:Listener";

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
});
