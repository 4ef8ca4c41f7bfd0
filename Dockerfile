# syntax=docker/dockerfile:1
# Driftwatch's container image: a Maven build stage and a JRE 17 runtime stage.
#   docker build -t driftwatch:0.1.0 --build-arg REVISION=$(git rev-parse HEAD) .
# Both bases are build arguments, so the image also builds from local bases (see bench/run image).
ARG BUILD_BASE=maven:3.9-eclipse-temurin-17
ARG BASE=eclipse-temurin:17-jre

FROM ${BUILD_BASE} AS build
WORKDIR /src
COPY pom.xml ./
COPY monitor/pom.xml monitor/
COPY monitor/src monitor/src
COPY rules rules
COPY alerts alerts
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q -Dmaven.test.skip=true -pl monitor package

FROM ${BASE}
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="driftwatch" \
      org.opencontainers.image.description="Watches ML models in production: drift, rules, alerts, safe actions" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://github.com/driftwatch/driftwatch"
# a fixed, non-root user (the Deployment's runAsUser); no shell is needed at run time
RUN groupadd --system --gid 10001 driftwatch \
 && useradd --system --uid 10001 --gid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin driftwatch
COPY --from=build --chown=0:0 /src/monitor/target/driftwatch.jar /app/driftwatch.jar
USER 10001:10001
WORKDIR /tmp
EXPOSE 8080
# Heap from the container's memory limit (override with JDK_JAVA_OPTIONS); the root file system may be
# read-only: the JVM writes nothing but /tmp (no perf data file).
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=50"
ENTRYPOINT ["java", "-XX:+UseContainerSupport", "-XX:+ExitOnOutOfMemoryError", "-XX:-UsePerfData", \
            "-Djava.io.tmpdir=/tmp", "-jar", "/app/driftwatch.jar"]
CMD ["run", "--config", "/etc/driftwatch/driftwatch.yaml"]
