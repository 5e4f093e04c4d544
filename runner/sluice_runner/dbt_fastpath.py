"""Shortcuts around dbt-core internals for the warm runner. All of Sluice's monkey-patching lives here.

Why: the runner invokes dbt once per node against a manifest parsed once (docs/adr/0005). dbt's task
code assumes one invocation per process and redoes, on every invocation, work whose cost grows with
the project (profiled on the 500-model synthetic project, bench/runner/profileInvocation.py):

1. `Compiler.compile` relinks the whole graph, checks it for cycles and summarises it
   (~35-70 ms at 500 models). For one manifest object the result never changes: the graph only
   depends on the parsed `depends_on` of every node. It is cached per manifest, per `add_test_edges`.
2. `GraphRunnableTask.create_schemas` lists the target's schemas and creates missing ones
   (~30-75 ms: a thread pool, a connection, a macro call). Within one Sluice run, a schema this
   process has already seen exist (or created) in the same target is not listed again. The memory is
   per run id and target (run_node owns it, see invoke.py) and is forgotten when a node fails; a node
   that fails because its schema vanished is rerun once with the schemas checked again.
3. `Graph.get_subset_graph` copies the whole graph to keep one selected node (~8 ms): a one-node
   selection is answered with a one-node graph (what dbt's algorithm returns for it).
4. `PluginManager.get_prefixed_modules` scans every entry of sys.path for `dbt_*` modules on every
   invocation (~10 ms); the installed modules do not change in a running process: memoised.

Target: dbt-core 1.11.x (pinned 1.11.16 in the venv). `install()` checks the version and that every
patched attribute still exists with the expected parameters; anything that does not match is left
alone and dbt runs its normal path. Patches 1-3 only act inside `scope(...)` (an invocation made by
run_node) and fall back to dbt's own code on any unexpected error.
"""
import inspect
import sys
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterator, List, Optional, Set, Tuple

SUPPORTED_DBT = "1.11."

SchemaKey = Tuple[Optional[str], str]


class Scope:
    """What one invocation may reuse: the manifest's graph cache and the run's known schemas."""

    def __init__(self, manifest: Any, graphs: Dict[Any, Any], known_schemas: Optional[Set[SchemaKey]]) -> None:
        self.manifest = manifest
        self.graphs = graphs
        self.known_schemas = known_schemas
        self.skipped_schemas = False
        self.graph_hit = False


_scope: Optional[Scope] = None
_installed: List[str] = []
_skipped: List[str] = []


@contextmanager
def scope(manifest: Any, graphs: Dict[Any, Any], known_schemas: Optional[Set[SchemaKey]]) -> Iterator[Scope]:
    global _scope
    current = Scope(manifest, graphs, known_schemas)
    _scope = current
    try:
        yield current
    finally:
        _scope = None


def installed() -> List[str]:
    return list(_installed)


def _params(fn: Any) -> List[str]:
    return list(inspect.signature(fn).parameters)


def _replace(owner: Any, name: str, expected: List[str], make: Callable[[Any], Any], label: str,
             kind: str = "function") -> None:
    raw = owner.__dict__.get(name)
    fn = raw.__func__ if isinstance(raw, classmethod) else raw
    if fn is None or getattr(fn, "_sluice_patch", False):
        _skipped.append(label)
        return
    if _params(fn) != expected:
        _skipped.append(label)
        return
    new = make(fn)
    new._sluice_patch = True  # type: ignore[attr-defined]
    setattr(owner, name, classmethod(new) if kind == "classmethod" else new)
    _installed.append(label)


# 1. Graph reuse per manifest --------------------------------------------------------------------

def _make_compile(original: Callable[..., Any]) -> Callable[..., Any]:
    from dbt.compilation import _generate_stats, print_compile_stats
    from dbt.graph import Graph

    def compile(self: Any, manifest: Any, write: bool = True, add_test_edges: bool = False) -> Any:
        s = _scope
        if s is None or manifest is not s.manifest:
            return original(self, manifest, write, add_test_edges)
        key = ("graph", bool(add_test_edges))
        cached = s.graphs.get(key)
        if cached is None:
            graph = original(self, manifest, write, add_test_edges)
            # Graph wraps a networkx DiGraph that dbt only reads (selection copies it first).
            s.graphs[key] = (graph.graph, _generate_stats(manifest))
            return graph
        try:
            nx_graph, stats = cached
            self.initialize()  # the target dir, as dbt's compile makes it
            if self.config.args.which != "list":
                print_compile_stats(stats)
            s.graph_hit = True
            return Graph(nx_graph)
        except Exception:  # noqa: BLE001 - internals moved: take dbt's path
            s.graphs.pop(key, None)
            return original(self, manifest, write, add_test_edges)

    return compile


# 2. Schemas known to exist in this run and target -----------------------------------------------

def schema_key(relation: Any) -> Optional[SchemaKey]:
    schema = getattr(relation, "schema", None)
    if schema is None:
        return None
    database = getattr(relation, "database", None)
    return (database.lower() if isinstance(database, str) else database, schema.lower())


def _make_create_schemas(original: Callable[..., Any]) -> Callable[..., Any]:
    def create_schemas(self: Any, adapter: Any, required_schemas: Set[Any]) -> Any:
        s = _scope
        if s is None or s.known_schemas is None:
            return original(self, adapter, required_schemas)
        try:
            keys = {k for k in (schema_key(r) for r in required_schemas) if k is not None}
        except Exception:  # noqa: BLE001
            return original(self, adapter, required_schemas)
        if keys and keys <= s.known_schemas:
            s.skipped_schemas = True
            return None
        result = original(self, adapter, required_schemas)
        # dbt listed them and created the missing ones: they all exist now.
        s.known_schemas.update(keys)
        return result

    return create_schemas


# 3. One-node subset graph -----------------------------------------------------------------------

def _make_get_subset_graph(original: Callable[..., Any]) -> Callable[..., Any]:
    def get_subset_graph(self: Any, selected: Any) -> Any:
        if _scope is None:
            return original(self, selected)
        include = set(selected)
        if len(include) != 1:
            return original(self, selected)
        try:
            import networkx as nx

            (node,) = include
            new_graph = nx.DiGraph()
            if node in self.graph:
                new_graph.add_node(node, **self.graph.nodes[node])
                if self.graph.has_edge(node, node):  # dbt keeps a self-loop; a linked graph has none
                    return original(self, selected)
            return type(self)(new_graph)
        except Exception:  # noqa: BLE001
            return original(self, selected)

    return get_subset_graph


# 4. Plugin module discovery, once per process ---------------------------------------------------

def _make_get_prefixed_modules(original: Callable[..., Any]) -> Callable[..., Any]:
    memo: Dict[str, Any] = {}

    def get_prefixed_modules(cls: Any) -> Any:
        if "modules" not in memo:
            memo["modules"] = original(cls)
        return dict(memo["modules"])

    return get_prefixed_modules


def install() -> List[str]:
    """Installs the patches that match this dbt; returns their names (the rest run dbt's own path)."""
    if _installed:
        return installed()
    try:
        from dbt.version import __version__ as dbt_version
    except ImportError:  # pragma: no cover
        return []
    if not str(dbt_version).startswith(SUPPORTED_DBT):
        print(f"sluice_runner: dbt {dbt_version} is not {SUPPORTED_DBT}x; dbt fast paths off", file=sys.stderr)
        return []
    try:
        from dbt.compilation import Compiler
        from dbt.graph.graph import Graph
        from dbt.plugins.manager import PluginManager
        from dbt.task.runnable import GraphRunnableTask
    except ImportError:  # pragma: no cover
        return []
    _replace(Compiler, "compile", ["self", "manifest", "write", "add_test_edges"], _make_compile, "graph_cache")
    _replace(GraphRunnableTask, "create_schemas", ["self", "adapter", "required_schemas"], _make_create_schemas,
             "known_schemas")
    _replace(Graph, "get_subset_graph", ["self", "selected"], _make_get_subset_graph, "one_node_subset")
    _replace(PluginManager, "get_prefixed_modules", ["cls"], _make_get_prefixed_modules, "plugin_modules",
             kind="classmethod")
    if _skipped:
        print(f"sluice_runner: dbt internals changed, fast paths off: {', '.join(_skipped)}", file=sys.stderr)
    return installed()
