"""Runs one dbt node through dbt's programmatic API with a parsed manifest reused per project version."""
import gc
import json
import os
import re
import time
from collections import OrderedDict
from typing import Any, Callable, Dict, List, Optional, Set, Tuple

from dbt.cli.main import dbtRunner

from . import dbt_fastpath
from .classify import kind_from_exception, kind_from_message
from .protocol import COMMAND_RESOURCE_TYPES, RunRequest
from .redact import Redactor
from .workspace import PROFILE_NAME, profiles_dir, request_environment, working_copy

EventSink = Callable[[Any], None]
_MAX_CACHED_MANIFESTS = 4
_MAX_KNOWN_SCHEMA_SETS = 16
_MAX_COMPILED_CODE = 256 * 1024
# Flags on every invocation: no artifacts, no console or file logs (events come through callbacks),
# no network calls home, one thread (one node), only the selected node's schemas cached.
_COMMON_FLAGS = [
    "--no-write-json", "--log-level", "none", "--log-level-file", "none", "--no-send-anonymous-usage-stats",
    "--no-version-check", "--no-partial-parse", "--no-use-colors",
]


class InvocationError(Exception):
    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


def freeze_heap() -> None:
    """Moves what exists now (dbt's modules, the cached manifests) out of the garbage collector's view.

    A parsed manifest is hundreds of thousands of objects that live as long as the cache holds them;
    with them tracked, every full collection walks them all (measured: up to ~350 ms pauses at 500
    models, the p99 of a node). Frozen objects are still freed by reference counting; an evicted
    manifest is collected here, before the heap is frozen again."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def fastpath_enabled() -> bool:
    """SLUICE_RUNNER_DBT_FASTPATH=0 runs dbt's unpatched path and leaves the garbage collector alone
    (A/B benchmarks, a suspected patch bug)."""
    return os.environ.get("SLUICE_RUNNER_DBT_FASTPATH", "1") != "0"


class ManifestCache:
    """Parsed manifests keyed by project version, target, profile type and settings, and vars (LRU), each with the
    dbt graph built from it; and, per run and target, the schemas this process knows exist."""

    def __init__(self, work_dir: str) -> None:
        self.work_dir = work_dir
        self._entries: "OrderedDict[str, Tuple[Any, str]]" = OrderedDict()
        self._graphs: Dict[str, Dict[Any, Any]] = {}
        self._schemas: "OrderedDict[str, Set[dbt_fastpath.SchemaKey]]" = OrderedDict()
        self.tuned = fastpath_enabled()
        self.fastpath = dbt_fastpath.install() if self.tuned else []
        if self.tuned:
            freeze_heap()

    def graphs(self, request: RunRequest) -> Dict[Any, Any]:
        """dbt's linked graph for the request's cached manifest (filled by the first invocation)."""
        return self._graphs.setdefault(self.key(request), {})

    def known_schemas(self, request: RunRequest) -> "Set[dbt_fastpath.SchemaKey]":
        """Schemas seen to exist in this run's target. Scoped to one run: schemas dropped between runs
        (CI teardown) are checked again by the next run's first node in each process."""
        key = json.dumps([request.query.run_id, request.profile.type, request.profile.settings, request.target],
                         sort_keys=True, default=str)
        if key not in self._schemas:
            self._schemas[key] = set()
            while len(self._schemas) > _MAX_KNOWN_SCHEMA_SETS:
                self._schemas.popitem(last=False)
        self._schemas.move_to_end(key)
        return self._schemas[key]

    @staticmethod
    def key(request: RunRequest) -> str:
        # The parsed manifest has the profile's database and schema rendered into every node, so two
        # environments that differ only in settings (e.g. schema) must not share it. Settings hold no
        # secrets (those are `secrets`, which never enter a key).
        return json.dumps(
            [request.project_dir, request.project_version, request.target, request.profile.type,
             request.profile.settings, request.vars],
            sort_keys=True, default=str,
        )

    def get(self, request: RunRequest, profiles: str, callbacks: List[EventSink]) -> Tuple[Any, str, bool]:
        key = self.key(request)
        if key in self._entries:
            self._entries.move_to_end(key)
            manifest, project = self._entries[key]
            return manifest, project, True
        project = working_copy(self.work_dir, request.project_dir, request.project_version)
        args = ["parse", *_base_args(request, project, profiles, self.work_dir)]
        res = dbtRunner(callbacks=callbacks).invoke(args)
        if not res.success or res.result is None:
            exc = res.exception or RuntimeError("dbt parse failed")
            raise InvocationError(kind_from_exception(exc), f"dbt parse failed: {exc}")
        # dbt writes its partial-parse state (which records env var values) even with partial parsing off.
        for leftover in ("partial_parse.msgpack", "perf_info.json"):
            path = os.path.join(project, "target", leftover)
            if os.path.exists(path):
                os.remove(path)
        self._entries[key] = (res.result, project)
        self._graphs[key] = {}
        while len(self._entries) > _MAX_CACHED_MANIFESTS:
            old, _ = self._entries.popitem(last=False)
            self._graphs.pop(old, None)
        if self.tuned:
            freeze_heap()
        return res.result, project, False


def _base_args(request: RunRequest, project: str, profiles: str, work_dir: str) -> List[str]:
    args = [
        "--project-dir", project, "--profiles-dir", profiles, "--profile", PROFILE_NAME,
        "--target", request.target, "--target-path", os.path.join(project, "target"),
        "--log-path", os.path.join(work_dir, "logs"), *_COMMON_FLAGS,
    ]
    if request.vars:
        args += ["--vars", json.dumps(request.vars)]
    return args


def node_selector(node: Any) -> str:
    """An exact selector for one node: its fully qualified name intersected with its resource type."""
    return f"fqn:{'.'.join(node.fqn)},resource_type:{node.resource_type}"


def _iso(value: Any) -> Optional[str]:
    return value.isoformat() + "Z" if value is not None else None


def node_result(result: Any, project: str) -> Dict[str, Any]:
    node = result.node
    compiled_path = getattr(node, "compiled_path", None)
    compiled_code = getattr(node, "compiled_code", None)
    status = str(getattr(result.status, "value", result.status))
    reply: Dict[str, Any] = {
        "status": status,
        "executionTime": result.execution_time,
        "timing": [{"name": t.name, "startedAt": _iso(t.started_at), "completedAt": _iso(t.completed_at)}
                   for t in result.timing],
        "adapterResponse": json.loads(json.dumps(result.adapter_response or {}, default=str)),
        "message": result.message,
        "failures": result.failures,
        "compiledPath": os.path.join(project, compiled_path) if compiled_path else None,
        "compiledCode": compiled_code[:_MAX_COMPILED_CODE] if isinstance(compiled_code, str) else None,
        "error": None,
    }
    if status in ("error", "runtime error"):
        reply["error"] = {"kind": kind_from_message(result.message), "message": result.message or "dbt error"}
    elif status == "fail":
        reply["error"] = {"kind": "test_failure", "message": result.message or "test failed"}
    return reply


def release_file_locks(adapter_type: str) -> None:
    """dbt-duckdb keeps its database open across invocations; an idle runner must not hold the file lock."""
    if adapter_type != "duckdb":
        return
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    env = DuckDBConnectionManager._ENV
    if env is not None:
        env.close()
    DuckDBConnectionManager.close_all_connections()


def scrub_sql_files(compiled_path: Optional[str], redactor: Redactor) -> None:
    """Masks secrets in the SQL dbt wrote for this node (compiled and run copies)."""
    if not compiled_path or not redactor.active:
        return
    sep = os.sep
    for path in (compiled_path, compiled_path.replace(f"{sep}compiled{sep}", f"{sep}run{sep}", 1)):
        if os.path.isfile(path):
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            clean = redactor.text(text)
            if clean != text:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(clean)


def missing_schema(message: Optional[str], schema: Optional[str]) -> bool:
    """The warehouse says `schema` does not exist: PostgreSQL `schema "x" does not exist`, DuckDB
    `Schema with name x does not exist`, Snowflake `Schema 'DB.X' does not exist or not authorized`."""
    if not message or not schema:
        return False
    pattern = (r"\bschema\s+(?:with\s+name\s+)?[\"'`]?(?:[^\s\"'`]*\.)?" + re.escape(schema.lower())
               + r"[\"'`]?\s+(?:does\s+not\s+exist|was\s+not\s+found|not\s+found)")
    return re.search(pattern, message.lower()) is not None


def _invoke(request: RunRequest, cache: ManifestCache, manifest: Any, args: List[str],
            callbacks: List[EventSink]) -> Tuple[Any, bool]:
    """One dbt invocation; returns its result and whether schema creation was skipped as known."""
    runner = dbtRunner(manifest=manifest, callbacks=callbacks)
    if not cache.fastpath:
        return runner.invoke(args), False
    with dbt_fastpath.scope(manifest, cache.graphs(request), cache.known_schemas(request)) as fast:
        res = runner.invoke(args)
    return res, fast.skipped_schemas


def _mine(res: Any, unique_id: str) -> List[Any]:
    results = list(getattr(res.result, "results", None) or [])
    return [r for r in results if r.node.unique_id == unique_id]


def run_node(request: RunRequest, cache: ManifestCache, callbacks: List[EventSink],
             redactor: Redactor) -> Dict[str, Any]:
    started = time.perf_counter()
    with request_environment(request), profiles_dir(cache.work_dir, request.id, request.target,
                                                    request.profile) as profiles:
        manifest, project, cache_hit = cache.get(request, profiles, callbacks)
        parsed = time.perf_counter()
        node = manifest.nodes.get(request.unique_id)
        if node is None:
            raise InvocationError("configuration", f"node {request.unique_id} is not in project version "
                                  f"{request.project_version}")
        if str(node.resource_type) not in COMMAND_RESOURCE_TYPES[request.command]:
            raise InvocationError("configuration", f"`dbt {request.command}` cannot run a {node.resource_type}")
        args = [request.command, "--select", node_selector(node), "--indirect-selection", "empty",
                "--threads", "1", "--cache-selected-only", *_base_args(request, project, profiles, cache.work_dir)]
        if request.full_refresh and request.command in ("run", "seed", "build"):
            args.append("--full-refresh")
        try:
            res, skipped_schemas = _invoke(request, cache, manifest, args, callbacks)
            mine = _mine(res, request.unique_id)
            failed = not mine or str(getattr(mine[0].status, "value", mine[0].status)) in ("error", "runtime error")
            if failed and cache.fastpath:
                # Whatever broke, check the schemas again next time; and if the node's schema vanished
                # since this process saw it (dropped outside Sluice), run it once more with the check.
                known = cache.known_schemas(request)
                known.clear()
                if skipped_schemas and mine and missing_schema(mine[0].message, getattr(node, "schema", None)) \
                        and not isinstance(res.exception, KeyboardInterrupt):
                    res, _ = _invoke(request, cache, manifest, args, callbacks)
                    mine = _mine(res, request.unique_id)
        finally:
            release_file_locks(request.profile.type)
    finished = time.perf_counter()
    meta = {"cacheHit": cache_hit, "parseMs": round((parsed - started) * 1000, 3),
            "invocationMs": round((finished - parsed) * 1000, 3)}
    if mine:
        reply = {**node_result(mine[0], project), **meta}
        scrub_sql_files(reply.get("compiledPath"), redactor)
        return reply
    exc = res.exception or RuntimeError(f"dbt returned no result for {request.unique_id}")
    raise InvocationError(kind_from_exception(exc), str(exc))
