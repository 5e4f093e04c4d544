"""Validates the JSON-line requests the TypeScript client sends (the TS side validates with zod)."""
import re
from dataclasses import dataclass, field
from typing import Any, Dict, Optional

COMMANDS = ("run", "test", "seed", "snapshot", "build")
# Resource types each command can execute; `build` runs any of them.
COMMAND_RESOURCE_TYPES = {
    "run": ("model",),
    "test": ("test",),
    "seed": ("seed",),
    "snapshot": ("snapshot",),
    "build": ("model", "test", "seed", "snapshot"),
}
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
# Values that end up inside a SQL comment: no comment terminator, no control characters.
_UNIQUE_ID = re.compile(r"^[A-Za-z0-9_.\-]{1,512}$")
_COMMENT_SAFE = re.compile(r"^[^\x00-\x1f*/\\]{0,200}$")


class ProtocolError(Exception):
    pass


@dataclass(frozen=True)
class ProfileSpec:
    type: str
    settings: Dict[str, Any]
    secrets: Dict[str, str]
    threads: int = 1


@dataclass(frozen=True)
class QueryContext:
    run_id: str
    node_uuid: str
    tenant: str
    environment: str


@dataclass(frozen=True)
class RunRequest:
    id: str
    project_dir: str
    project_version: str
    target: str
    profile: ProfileSpec
    unique_id: str
    command: str
    query: QueryContext
    vars: Dict[str, Any] = field(default_factory=dict)
    full_refresh: bool = False
    env: Dict[str, str] = field(default_factory=dict)
    secret_env: Dict[str, str] = field(default_factory=dict)
    log_level: str = "info"


def _req(obj: Dict[str, Any], key: str, kind: type) -> Any:
    value = obj.get(key)
    if not isinstance(value, kind):
        raise ProtocolError(f"field '{key}' must be {kind.__name__}")
    return value


def _str_map(obj: Dict[str, Any], key: str) -> Dict[str, str]:
    value = obj.get(key) or {}
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise ProtocolError(f"field '{key}' must map strings to strings")
    return value


def parse_run_request(msg: Dict[str, Any]) -> RunRequest:
    req_id = _req(msg, "id", str)
    body = _req(msg, "request", dict)
    prof = _req(body, "profile", dict)
    secrets = _str_map(prof, "secrets")
    for name in secrets:
        if not _IDENT.match(name):
            raise ProtocolError(f"secret profile field '{name}' is not an identifier")
    settings = prof.get("settings") or {}
    if not isinstance(settings, dict):
        raise ProtocolError("field 'settings' must be an object")
    profile = ProfileSpec(
        type=_req(prof, "type", str), settings=settings, secrets=secrets, threads=int(prof.get("threads", 1))
    )
    q = _req(body, "query", dict)
    query = QueryContext(
        run_id=_req(q, "runId", str), node_uuid=_req(q, "nodeUuid", str),
        tenant=_req(q, "tenant", str), environment=_req(q, "environment", str),
    )
    for value in (query.run_id, query.node_uuid, query.tenant, query.environment):
        if not _COMMENT_SAFE.match(value):
            raise ProtocolError("query context values may not contain '*', '/', '\\' or control characters")
    unique_id = _req(body, "uniqueId", str)
    if not _UNIQUE_ID.match(unique_id):
        raise ProtocolError("uniqueId is not a dbt unique_id")
    command = _req(body, "command", str)
    if command not in COMMANDS:
        raise ProtocolError(f"unknown command '{command}'")
    target = _req(body, "target", str)
    if not _IDENT.match(target):
        raise ProtocolError("target must be an identifier")
    variables = body.get("vars") or {}
    if not isinstance(variables, dict):
        raise ProtocolError("field 'vars' must be an object")
    env = _str_map(body, "env")
    secret_env = _str_map(body, "secretEnv")
    log_level = body.get("logLevel", "info")
    if log_level not in ("debug", "info", "warn", "error"):
        raise ProtocolError("logLevel must be debug, info, warn or error")
    return RunRequest(
        id=req_id, project_dir=_req(body, "projectDir", str), project_version=_req(body, "projectVersion", str),
        target=target, profile=profile, unique_id=unique_id, command=command, query=query,
        vars=variables, full_refresh=bool(body.get("fullRefresh", False)), env=env, secret_env=secret_env,
        log_level=log_level,
    )
