# syntax=docker/dockerfile:1
#
# IntegrationHub: one image for every role. The same binary runs the API (Hub__Roles=api), a worker
# (Hub__Roles=worker) or both (the default, for a single container). docs/deploy.md explains the settings.
#
#   docker build -t integration-hub .
#   docker run -p 5080:8080 integration-hub            # embedded default: SQLite + in-memory bus in the container
#
# The `hub` command-line tool is in the image too: `docker exec <container> hub status`.

ARG DOTNET_VERSION=10.0

# ---- build: restore and publish the host and the CLI (framework-dependent, portable: one build serves every CPU) ----
FROM --platform=$BUILDPLATFORM mcr.microsoft.com/dotnet/sdk:${DOTNET_VERSION} AS build
WORKDIR /src
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The SDK and MSBuild settings, the schemas the libraries embed, and the sources (tests, docs and deploy/ are not needed).
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY schemas/ schemas/
COPY src/ src/
RUN --mount=type=cache,id=integration-hub-nuget,target=/root/.nuget/packages \
    dotnet publish src/IntegrationHub.Host/IntegrationHub.Host.csproj -c Release -o /out/host -p:UseAppHost=false \
 && dotnet publish src/IntegrationHub.Cli/IntegrationHub.Cli.csproj -c Release -o /out/cli -p:UseAppHost=false

# ---- runtime: ASP.NET Core runtime (Ubuntu 24.04), non-root ---------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:${DOTNET_VERSION} AS runtime
# curl answers the HEALTHCHECK; nothing else is added to the runtime image.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*

COPY --from=build /out/host /app/host
COPY --from=build /out/cli /app/cli
COPY --chmod=0755 deploy/docker/hub-entrypoint.sh /usr/local/bin/hub-entrypoint
COPY --chmod=0755 deploy/docker/hub.sh /usr/local/bin/hub
# Examples only: the sample departments' connectors (they read the generated sources of Hub__Samples=true).
COPY connectors/ /usr/share/integration-hub/sample-connectors/

# The data directory (admin.key, generated samples, file connectors' drop folders) and the key ring (the Data
# Protection keys that encrypt connector and webhook secrets, and the identifier-token secret). Owned by the
# image's non-root user `app` (UID 1654), so that a fresh named volume mounted there is writable.
RUN mkdir -p /var/lib/integration-hub/data /var/lib/integration-hub/keys /etc/integration-hub/connectors \
 && chown -R 1654:1654 /var/lib/integration-hub \
 && chmod 0700 /var/lib/integration-hub/keys

# MALLOC_ARENA_MAX=2: native allocations (SQLite's, the runtime's) from many threads otherwise spread over up to eight
# 64 MB malloc arenas per core (docs/deploy.md#sizing).
# Listen on every interface of the container (appsettings.json says 127.0.0.1, right for a process on a host).
# ASPNETCORE_HTTP_PORTS is emptied: Hub__Urls decides, and Kestrel would otherwise warn that it overrides the port.
ENV Hub__Urls=http://+:8080 \
    Hub__DataDirectory=/var/lib/integration-hub/data \
    Hub__KeysDirectory=/var/lib/integration-hub/keys \
    Hub__ConnectorsDirectory=/etc/integration-hub/connectors \
    Hub__Samples=false \
    ASPNETCORE_HTTP_PORTS= \
    HUB_URL=http://127.0.0.1:8080 \
    DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    MALLOC_ARENA_MAX=2

# The CLI finds data/admin.key relative to the working directory, so `hub status` works as it is inside the container.
WORKDIR /var/lib/integration-hub
USER 1654:1654
EXPOSE 8080

# Ready = the store answers (and RabbitMQ, when it is the bus). Change the port here if Hub__Urls moves it.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["curl", "--fail", "--silent", "--show-error", "--output", "/dev/null", "http://127.0.0.1:8080/health/ready"]

# hub-entrypoint turns Hub__…_FILE variables (Docker/Compose secrets) into the settings they name.
ENTRYPOINT ["/usr/local/bin/hub-entrypoint"]
CMD ["dotnet", "/app/host/IntegrationHub.Host.dll"]
