"""Names the kind of a dbt failure; the TypeScript activity maps kinds to retryable or not."""
from typing import Optional

# Substrings (lower case) of warehouse messages that mean "try again later" rather than "your SQL is wrong".
_CONNECTION = (
    "could not connect", "connection refused", "connection to server", "server closed the connection",
    "connection reset", "connection timed out", "could not translate host name", "ssl syscall",
    "the database system is starting up", "the database system is shutting down", "too many connections",
    "remaining connection slots", "failed to connect", "network is unreachable", "broken pipe",
)
_TRANSIENT = (
    "deadlock detected", "could not serialize access", "lock timeout", "could not set lock",
    "temporarily unavailable", "try again", "throttl", "rate limit", "service unavailable",
    "conflicting lock", "statement timeout",
)


def kind_from_message(message: Optional[str]) -> str:
    text = (message or "").lower()
    if text.startswith("compilation error") or text.startswith("parsing error"):
        return "compilation"
    if any(p in text for p in _CONNECTION):
        return "connection"
    if any(p in text for p in _TRANSIENT):
        return "transient"
    if text.startswith("database error"):
        return "database"
    return "runtime"


def kind_from_exception(exc: BaseException) -> str:
    from dbt_common.exceptions import CompilationError, DbtDatabaseError, DbtConfigError
    from dbt.exceptions import DbtProjectError, DbtProfileError
    try:
        from dbt.exceptions import ParsingError
    except ImportError:  # pragma: no cover - older dbt
        ParsingError = CompilationError  # type: ignore

    if isinstance(exc, KeyboardInterrupt):
        return "canceled"
    if isinstance(exc, (CompilationError, ParsingError)):
        return "compilation"
    if isinstance(exc, (DbtProjectError, DbtProfileError, DbtConfigError)):
        return "configuration"
    if isinstance(exc, DbtDatabaseError):
        kind = kind_from_message(str(exc))
        return kind if kind in ("connection", "transient") else "database"
    return "internal"
