"""The runner process: JSON lines in on stdin, JSON lines out on a private copy of stdout.

Messages in:  {"type": "run", "id", "request": {...}} | {"type": "ping", "id"} | {"type": "shutdown"}
Messages out: {"type": "ready"} once; {"type": "log", "id", "event"} while a node runs;
              {"type": "result", "id", ...} | {"type": "pong", "id"} | {"type": "error", "id", "error"}.
SIGINT interrupts the running invocation (dbt then cancels its open warehouse connections); it is
ignored between requests.
"""
import argparse
import json
import os
import signal
import sys
import threading
import time
import traceback
from typing import Any, Dict, Optional, TextIO

_LEVELS = {"debug": 10, "info": 20, "warn": 30, "error": 40}
_MAX_EVENTS = 5000


class Channel:
    """Serialises writes: dbt fires events from its worker thread."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._lock = threading.Lock()

    def send(self, message: Dict[str, Any]) -> None:
        line = json.dumps(message, separators=(",", ":"), default=str)
        with self._lock:
            self._stream.write(line + "\n")
            self._stream.flush()


class State:
    running = False
    cancel_requested = False


def _on_sigint(_signum: int, _frame: Any) -> None:
    if State.running:
        State.cancel_requested = True
        raise KeyboardInterrupt()


def _event_sink(channel: Channel, request_id: str, min_level: int, redactor: Any):
    count = {"n": 0}

    def sink(msg: Any) -> None:
        info = msg.info
        if _LEVELS.get(info.level, 20) < min_level or count["n"] >= _MAX_EVENTS:
            return
        count["n"] += 1
        node_info = getattr(msg.data, "node_info", None)
        event = {
            "ts": info.ts.ToJsonString(), "level": info.level, "name": info.name,
            "msg": redactor.text(info.msg), "nodeId": getattr(node_info, "unique_id", None) or None,
        }
        channel.send({"type": "log", "id": request_id, "event": event})

    return sink


def _handle_run(channel: Channel, cache: Any, message: Dict[str, Any]) -> None:
    from .invoke import InvocationError, run_node
    from .protocol import ProtocolError, parse_run_request
    from .redact import Redactor

    req_id: Optional[str] = message.get("id") if isinstance(message.get("id"), str) else None
    try:
        request = parse_run_request(message)
    except (ProtocolError, ValueError, TypeError) as exc:
        channel.send({"type": "error", "id": req_id, "error": {"kind": "protocol", "message": str(exc)}})
        return
    redactor = Redactor([*request.profile.secrets.values(), *request.secret_env.values()])
    sink = _event_sink(channel, request.id, _LEVELS[request.log_level], redactor)
    started = time.perf_counter()
    State.cancel_requested = False
    State.running = True
    reply: Dict[str, Any]
    try:
        reply = run_node(request, cache, [sink], redactor)
        if State.cancel_requested:
            reply = {**reply, "status": "canceled", "error": {"kind": "canceled", "message": "canceled by the caller"}}
    except KeyboardInterrupt:
        reply = {"status": "canceled", "error": {"kind": "canceled", "message": "canceled by the caller"}}
    except InvocationError as exc:
        if State.cancel_requested or exc.kind == "canceled":
            reply = {"status": "canceled", "error": {"kind": "canceled", "message": "canceled by the caller"}}
        else:
            reply = {"status": "error", "error": {"kind": exc.kind, "message": str(exc) or exc.kind}}
    except Exception as exc:  # noqa: BLE001 - every failure becomes a reply, never a dead process
        traceback.print_exc(file=sys.stderr)
        reply = {"status": "error", "error": {"kind": "internal", "message": f"{type(exc).__name__}: {exc}"}}
    finally:
        State.running = False
    reply["wallMs"] = round((time.perf_counter() - started) * 1000, 3)
    channel.send({"type": "result", "id": request.id, **redactor.deep(reply)})


def main() -> int:
    parser = argparse.ArgumentParser(prog="sluice_runner")
    parser.add_argument("--work-dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.work_dir, mode=0o700, exist_ok=True)
    # The protocol gets its own copy of stdout; anything else printing to fd 1 lands on stderr.
    channel = Channel(os.fdopen(os.dup(1), "w", encoding="utf-8"))
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    signal.signal(signal.SIGINT, _on_sigint)

    from .invoke import ManifestCache  # loads dbt once, before "ready"
    import dbt.version

    cache = ManifestCache(args.work_dir)
    channel.send({"type": "ready", "pid": os.getpid(), "dbtVersion": str(dbt.version.installed)})
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        try:
            message = json.loads(line)
        except json.JSONDecodeError:
            channel.send({"type": "error", "id": None, "error": {"kind": "protocol", "message": "not JSON"}})
            continue
        kind = message.get("type")
        if kind == "run":
            _handle_run(channel, cache, message)
        elif kind == "ping":
            channel.send({"type": "pong", "id": message.get("id")})
        elif kind == "shutdown":
            break
        else:
            channel.send({"type": "error", "id": message.get("id"), "error": {"kind": "protocol",
                                                                              "message": "unknown type"}})
    # stdin closed or shutdown: the pool is gone or done with us; leave no project copies behind.
    import gc
    import shutil

    gc.unfreeze()  # see invoke.freeze_heap: let interpreter shutdown see (and free) everything

    shutil.rmtree(args.work_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
