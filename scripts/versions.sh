# Every pinned version of a tool Sluice installs outside npm and pip (those are pinned by
# package-lock.json and runner/requirements.txt). Sourced by the other scripts.
TEMPORAL_CLI_MODULE=github.com/temporalio/cli/cmd/temporal
TEMPORAL_CLI_VERSION=v1.5.1
# MinIO publishes no semver tags, so the Go module proxy knows its releases by pseudo-version.
MINIO_MODULE=github.com/minio/minio
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c
# Debian packages, used by the tests only.
APT_TEST_PACKAGES="postgresql redis-server"
