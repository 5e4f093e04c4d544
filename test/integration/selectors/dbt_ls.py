"""Runs many `dbt ls` invocations in one Python process (dbt's programmatic API), the reference for
Sluice's selector conformance test.

usage: dbt_ls.py PROJECT_DIR CASES_JSON OUT_JSON
CASES_JSON: [{"id": str, "args": [str, ...]}] — extra `dbt ls` arguments per case.
OUT_JSON: {id: {"ids": [unique_id, ...]} | {"error": str}}
The project is parsed once; each `ls` reuses that manifest.
"""
import json
import os
import sys

from dbt.cli.main import dbtRunner


def main() -> None:
    project_dir, cases_path, out_path = sys.argv[1:4]
    os.chdir(project_dir)
    common = ["--project-dir", project_dir, "--profiles-dir", project_dir, "--quiet"]
    parsed = dbtRunner().invoke(["parse", *common])
    if not parsed.success:
        raise SystemExit(f"dbt parse failed: {parsed.exception}")
    runner = dbtRunner(manifest=parsed.result)
    with open(cases_path) as fh:
        cases = json.load(fh)
    out = {}
    for case in cases:
        args = ["ls", *common, "--output", "json", "--output-keys", "unique_id", *case["args"]]
        try:
            res = runner.invoke(args)
        except BaseException as exc:  # noqa: BLE001 - every failure is a result here
            out[case["id"]] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        if not res.success:
            out[case["id"]] = {"error": str(res.exception)}
        else:
            ids = sorted(json.loads(line)["unique_id"] for line in (res.result or []))
            out[case["id"]] = {"ids": ids}
    with open(out_path, "w") as fh:
        json.dump(out, fh)


if __name__ == "__main__":
    main()
