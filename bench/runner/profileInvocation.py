"""Where a warm runner's per-node time goes: runs nodes of a project through sluice_runner.invoke.run_node
in this process (no pool, no IPC) and reports wall/CPU overhead and time per dbt phase.

Usage (from the repository root, with the venv's python):
  npx tsx -e "import {writeSyntheticProject} from './bench/runner/syntheticProject'; writeSyntheticProject('/tmp/synthetic', 500)"
  .venv/bin/python bench/runner/profileInvocation.py /tmp/synthetic --nodes 100 [--phases] [--cprofile]
SLUICE_RUNNER_DBT_FASTPATH=0 measures dbt's unpatched path. Overhead = wall - dbt execution_time; CPU
time is the process's (all threads), which load on a shared machine disturbs much less than wall time.
"""
import argparse
import collections
import cProfile
import functools
import importlib
import os
import pstats
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "runner"))

PHASES = [
    ("dbt.cli.main", "dbtRunner.invoke"), ("dbt.task.runnable", "GraphRunnableTask.run"),
    ("dbt.compilation", "Compiler.compile"), ("dbt.compilation", "Linker.link_graph"),
    ("dbt.compilation", "Linker.find_cycles"), ("dbt.compilation", "Linker.get_graph_summary"),
    ("dbt.task.runnable", "GraphRunnableTask.get_graph_queue"), ("dbt.graph.graph", "Graph.get_subset_graph"),
    ("dbt.task.run", "RunTask.before_run"), ("dbt.task.runnable", "GraphRunnableTask.create_schemas"),
    ("dbt.task.runnable", "GraphRunnableTask.populate_adapter_cache"),
    ("dbt.task.runnable", "GraphRunnableTask.execute_nodes"), ("dbt.task.run", "ModelRunner.execute"),
    ("dbt.task.run", "RunTask.safe_run_hooks"), ("dbt.cli.requires", "setup_manifest"),
    ("dbt.cli.requires", "set_up_plugin_manager"), ("dbt.cli.requires", "load_profile"),
    ("dbt.cli.requires", "load_project"), ("dbt.adapters.base.impl", "BaseAdapter.execute_macro"),
]
TIMES = collections.defaultdict(list)


def _time_phase(module: str, path: str) -> None:
    owner = importlib.import_module(module)
    *parents, name = path.split(".")
    for p in parents:
        owner = getattr(owner, p)
    original = getattr(owner, name)

    @functools.wraps(original)
    def timed(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            TIMES[path].append((time.perf_counter() - started) * 1000)

    setattr(owner, name, timed)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("project")
    parser.add_argument("--nodes", type=int, default=100)
    parser.add_argument("--phases", action="store_true", help="time dbt phases (wraps dbt functions)")
    parser.add_argument("--cprofile", action="store_true")
    args = parser.parse_args()
    if args.phases:
        for module, path in PHASES:
            _time_phase(module, path)
    from sluice_runner.invoke import ManifestCache, run_node
    from sluice_runner.protocol import parse_run_request
    from sluice_runner.redact import Redactor

    root = tempfile.mkdtemp(prefix="sluice-profile-")
    try:
        cache = ManifestCache(os.path.join(root, "work"))
        db = os.path.join(root, "bench.duckdb")
        names = sorted(f[:-4] for f in os.listdir(os.path.join(args.project, "models")) if f.endswith(".sql"))
        project_name = "synthetic"
        with open(os.path.join(args.project, "dbt_project.yml")) as f:
            for line in f:
                if line.startswith("name:"):
                    project_name = line.split(":", 1)[1].strip().strip("'\"")

        def request(i: int, name: str):
            return parse_run_request({"id": f"r{i}", "request": {
                "projectDir": args.project, "projectVersion": "v1", "target": "bench",
                "profile": {"type": "duckdb", "settings": {"path": db}}, "uniqueId": f"model.{project_name}.{name}",
                "command": "run", "query": {"runId": "bench", "nodeUuid": "b", "tenant": "b", "environment": "b"}}})

        def sink(_msg) -> None:
            return None

        run_node(request(0, names[0]), cache, [sink], Redactor([]))  # parse once
        TIMES.clear()
        profile = cProfile.Profile() if args.cprofile else None
        overhead, cpu = [], []
        for i, name in enumerate(names[: args.nodes]):
            wall0, cpu0 = time.perf_counter(), time.process_time()
            if profile:
                profile.enable()
            reply = run_node(request(i + 1, name), cache, [sink], Redactor([]))
            if profile:
                profile.disable()
            cpu.append((time.process_time() - cpu0) * 1000)
            overhead.append((time.perf_counter() - wall0) * 1000 - (reply["executionTime"] or 0) * 1000)
            if reply["status"] != "success":
                raise SystemExit(f"{name}: {reply}")
        n = len(overhead)
        overhead.sort()
        print(f"fast paths: {cache.fastpath or 'off'}; n={n}; overhead p50={statistics.median(overhead):.1f} ms "
              f"p90={overhead[int(n * 0.9)]:.1f} ms; cpu/node p50={statistics.median(cpu):.1f} ms; "
              f"load average {os.getloadavg()[0]:.2f}")
        for total, path, calls in sorted(((sum(v), k, len(v)) for k, v in TIMES.items()), reverse=True):
            print(f"{total / n:8.1f} ms/node  {path} ({calls} calls)")
        if profile:
            pstats.Stats(profile).sort_stats("cumulative").print_stats(40)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
