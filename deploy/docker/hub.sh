#!/bin/sh
# The hub command-line tool inside the image (docs/cli.md). HUB_URL points at this container's hub.
exec dotnet /app/cli/hub.dll "$@"
