#!/bin/bash
set -euo pipefail
env_value() { sed -n "s/^$1=//p" @envFile@; }
region="$(env_value AWS_REGION)"
secret="$(aws secretsmanager describe-secret --region "$region" --secret-id "$(env_value DB_SECRET_ARN)" --output json)"
current="$(printf '%s' "$secret" | python3 -c 'import json,sys; v=json.load(sys.stdin)["VersionIdsToStages"]; print(next(k for k, s in v.items() if "AWSCURRENT" in s))')"
if [ ! -f @runDir@/secret-version ] || [ "$current" = "$(cat @runDir@/secret-version)" ]; then
  exit 0
fi
