#!/bin/bash
# Decision Control host bootstrap, rendered by components/app/user-data.ts. No secret values (APP-1).
set -euo pipefail
umask 077
pkg_install() { if command -v dnf >/dev/null; then dnf install -y "$@"; else yum install -y "$@"; fi; }

# --- App settings: root-only environment file (APP-1) ---
install -d -m 0755 -o root -g root @configDir@ @libexec@
@writeEnvFile@

# --- RDS CA bundle for sslmode=verify-full (ACC-1, CMP-2) ---
curl --fail --silent --show-error --retry 5 --proto '=https' --tlsv1.2 --output @rdsCaBundle@ @rdsCaBundleUrl@
chmod 0644 @rdsCaBundle@

# --- Host logs to CloudWatch (MON-2): rsyslog writes /var/log/messages and /var/log/secure.
# The app's own output goes there through Docker's awslogs driver (start script). ---
pkg_install rsyslog amazon-cloudwatch-agent
systemctl enable --now rsyslog
@writeCloudWatchAgentConfig@
/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:@cloudWatchAgentConfig@
