#!/usr/bin/env bash
# The CDK app command (see cdk.json): runs dev.fanout.infra.FanoutApp on a JDK >= 21, whatever the default
# java is. Builds the app and the Lambda jar first when they are missing; after changing code, rebuild with
# ./mvnw -q -DskipTests package.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
classes=$root/infra/target/classes
classpath_file=$root/infra/target/classpath.txt
lambda_jar=$root/functions/lambda/target/lambda/fanout-lambda.jar

if [ ! -d "$classes" ] || [ ! -f "$classpath_file" ] || [ ! -f "$lambda_jar" ]; then
  echo "fanout: building the CDK app and the Lambda jar (./mvnw -q -DskipTests -pl infra -am package)" >&2
  (cd "$root" && ./mvnw -q -DskipTests -pl infra -am package) >&2
fi

jdk=$("$root/bin/find-jdk" 21)
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}
exec "$jdk/bin/java" -cp "$classes:$(cat "$classpath_file")" dev.fanout.infra.FanoutApp
