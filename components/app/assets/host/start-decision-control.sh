#!/bin/bash
set -euo pipefail
set +x
env_value() { sed -n "s/^$1=//p" @envFile@; }
imds_token="$(curl -fsS -X PUT -H 'X-aws-ec2-metadata-token-ttl-seconds: 300' http://169.254.169.254/latest/api/token)"
instance_id="$(curl -fsS -H "X-aws-ec2-metadata-token: $imds_token" http://169.254.169.254/latest/meta-data/instance-id)"
secret_arn="$(env_value DB_SECRET_ARN)"
region="$(env_value AWS_REGION)"
image="$(docker images --format '{{.Repository}}:{{.Tag}}' | grep -E '@appImagePattern@' | head -n 1 || true)"
if [ -z "$image" ]; then
  echo "no local image matches @appImagePattern@; is this the Decision Control AMI?" >&2
  exit 1
fi
install -d -m 0700 @runDir@
# The secret's JSON goes straight into python; the version id (not secret) is kept to detect rotation.
SPRING_DATASOURCE_PASSWORD="$(aws secretsmanager get-secret-value --region "$region" --secret-id "$secret_arn" --output json \
  | python3 -c 'import json,sys; s=json.load(sys.stdin); open("@runDir@/secret-version","w").write(s["VersionId"]); print(json.loads(s["SecretString"])["password"])')"
export SPRING_DATASOURCE_PASSWORD
exec docker run --rm --name @appService@ \
  --env-file @envFile@ --env SPRING_DATASOURCE_PASSWORD \
  --publish @publish@ \
  --volume @rdsCaBundle@:@rdsCaBundle@:ro \
  --log-driver awslogs \
  @logOptions@
  "$image"
