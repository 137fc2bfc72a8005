# The bot's container image: built with Maven, run on a JRE as a non-root user.
#
#   docker build -t invalidator .
#   docker run --rm -e SLACK_SECRET_ID=invalidator/slack -e AWS_REGION=eu-west-1 \
#     -v "$PWD/invalidator.yml:/config/invalidator.yml:ro" invalidator
#
# Tokens and AWS credentials come from the environment where it runs; the image holds none.

FROM maven:3.9.9-eclipse-temurin-17 AS build
WORKDIR /build
# Dependencies get a layer of their own, rebuilt only when pom.xml changes, not on every source edit.
COPY pom.xml .
RUN mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:go-offline
# javac's exports for Error Prone, which compiles inside Maven's JVM (see pom.xml).
COPY .mvn/jvm.config .mvn/
COPY src ./src
# The tests run in CI (.ci/run), where the Slack and CloudFront simulators and moto are; here we only package.
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17.0.13_11-jre-jammy
# A numeric user, so that Kubernetes' runAsNonRoot can check it without reading /etc/passwd.
RUN groupadd --system --gid 10001 invalidator \
 && useradd --system --uid 10001 --gid invalidator --no-create-home --shell /usr/sbin/nologin invalidator
WORKDIR /app
COPY deploy/jvm.options /app/jvm.options
COPY --from=build /build/target/invalidator.jar /app/invalidator.jar
# The class archive jvm.options names (AppCDS, start-up 1.3 s → 0.5 s): trained by a demo run, exactly as the
# benchmark trains it. Without the file the JVM would start with no class archive at all.
RUN printf '/invalidate web /index.html\n/invalidate help\n' \
  | java $(grep -v -e '^#' -e SharedArchiveFile /app/jvm.options) -XX:ArchiveClassesAtExit=/app/invalidator.jsa \
         -jar /app/invalidator.jar demo \
 && test -s /app/invalidator.jsa
ENV INVALIDATOR_CONFIG=/config/invalidator.yml \
    HEALTH_PORT=8080
EXPOSE 8080
USER 10001:10001
# Liveness, for the engines that restart an unhealthy container: /health/live fails only when the Socket Mode loop
# no longer responds, never for a dropped Slack connection or a distribution CloudFront refuses, which a restart does
# not mend (docs/operating.md, "Health endpoint"). curl comes with the Ubuntu-based Temurin images; -f makes a 503
# fail the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${HEALTH_PORT}/health/live" || exit 1
# The JVM flags live in deploy/jvm.options alone, shared with the benchmark. The sub-command is the CMD, so
# `docker run <image> check-config` checks a setup instead of starting the bot.
ENTRYPOINT ["java", "@/app/jvm.options", "-jar", "/app/invalidator.jar"]
CMD ["run"]
