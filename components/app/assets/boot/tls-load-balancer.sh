# TLS terminates at the load balancer (APP-2); the app port admits only the ALB (NET-4).
