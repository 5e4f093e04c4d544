"""A process's private work dir: project working copies (with Sluice's query comment) and profiles.

Secrets never reach a file: the generated profiles.yml holds `env_var()` references only, and the
values live in the process environment for the duration of one dbt invocation.
"""
import hashlib
import json
import os
import shutil
import yaml
from contextlib import contextmanager
from typing import Dict, Iterator

from .protocol import ProfileSpec, QueryContext, RunRequest

PROFILE_NAME = "sluice"
QUERY_COMMENT_VAR = "SLUICE_QUERY_COMMENT"
QUERY_TAG_VAR = "SLUICE_QUERY_TAG"
# dbt scrubs variables with this prefix from its own logs and refuses them outside profiles.
SECRET_VAR_PREFIX = "DBT_ENV_SECRET_SLUICE_"
_COPY_IGNORE = shutil.ignore_patterns("target", "logs", ".git", ".venv", "node_modules", "*.duckdb", "*.duckdb.wal")


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def secret_var(field_name: str) -> str:
    return SECRET_VAR_PREFIX + field_name.upper()


def working_copy(work_dir: str, project_dir: str, project_version: str) -> str:
    """Copies the project once per version and sets Sluice's query comment on it."""
    dest = os.path.join(work_dir, "projects", _digest(f"{project_dir}\0{project_version}"))
    if os.path.isdir(dest):
        return dest
    tmp = dest + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(project_dir, tmp, ignore=_COPY_IGNORE, symlinks=True)
    project_file = os.path.join(tmp, "dbt_project.yml")
    with open(project_file, encoding="utf-8") as f:
        project = yaml.safe_load(f) or {}
    existing = project.get("query-comment")
    append = existing.get("append", False) if isinstance(existing, dict) else False
    # Rendered by dbt for every query from the per-invocation environment (run id, node, tenant, env).
    project["query-comment"] = {"comment": "{{ env_var('%s', '') }}" % QUERY_COMMENT_VAR, "append": append}
    with open(project_file, "w", encoding="utf-8") as f:
        yaml.safe_dump(project, f, sort_keys=False)
    os.rename(tmp, dest)
    return dest


def profile_yaml(target: str, spec: ProfileSpec) -> str:
    output: Dict[str, object] = {"type": spec.type, "threads": spec.threads}
    output.update(spec.settings)
    for field_name in spec.secrets:
        output[field_name] = "{{ env_var('%s') }}" % secret_var(field_name)
    if spec.type == "snowflake":
        output["query_tag"] = "{{ env_var('%s', '') }}" % QUERY_TAG_VAR
    return yaml.safe_dump({PROFILE_NAME: {"target": target, "outputs": {target: output}}}, sort_keys=False)


@contextmanager
def profiles_dir(work_dir: str, request_id: str, target: str, spec: ProfileSpec) -> Iterator[str]:
    path = os.path.join(work_dir, "profiles", _digest(request_id))
    os.makedirs(path, mode=0o700, exist_ok=True)
    with open(os.open(os.path.join(path, "profiles.yml"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write(profile_yaml(target, spec))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def query_comment(request: RunRequest) -> str:
    q: QueryContext = request.query
    return json.dumps(
        {"app": "sluice", "run_id": q.run_id, "node_uuid": q.node_uuid, "tenant": q.tenant,
         "environment": q.environment, "node_id": request.unique_id},
        separators=(",", ":"),
    )


@contextmanager
def request_environment(request: RunRequest) -> Iterator[None]:
    """Sets the request's variables for one invocation and restores the environment after."""
    values: Dict[str, str] = dict(request.env)
    values.update(request.secret_env)
    values.update({secret_var(k): v for k, v in request.profile.secrets.items()})
    comment = query_comment(request)
    values[QUERY_COMMENT_VAR] = comment
    values[QUERY_TAG_VAR] = comment
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, old in saved.items():
            if old is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = old
