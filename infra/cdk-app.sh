#!/usr/bin/env bash
# The CDK app command (see cdk.json): runs dev.fanout.infra.FanoutApp on a JDK >= 21, whatever the default
# java is. Builds the app and the Lambda jar first when they are missing or older than the sources they come
# from (./mvnw -q -DskipTests -pl infra -am package).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
classes=$root/infra/target/classes
classpath_file=$root/infra/target/classpath.txt
lambda_jar=$root/functions/lambda/target/lambda/fanout-lambda.jar

stale() { # a source or POM of the modules the app and the jar are built from is newer than the last build
  [ -n "$(find "$root/pom.xml" "$root/functions" "$root/deployment" "$root/statemachines" "$root/cdk" "$root/infra" \
      -name target -prune -o \
      -type f \( -name '*.java' -o -name '*.json' -o -name pom.xml -o -path '*/src/main/resources/*' \) \
      -newer "$classpath_file" -print -quit 2>/dev/null)" ]
}

if [ ! -d "$classes" ] || [ ! -f "$classpath_file" ] || [ ! -f "$lambda_jar" ] || stale; then
  echo "fanout: building the CDK app and the Lambda jar (./mvnw -q -DskipTests -pl infra -am package)" >&2
  (cd "$root" && ./mvnw -q -DskipTests -pl infra -am package) >&2
fi

jdk=$("$root/bin/find-jdk" 21)
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=${JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION:-20}
exec "$jdk/bin/java" -cp "$classes:$(cat "$classpath_file")" dev.fanout.infra.FanoutApp
