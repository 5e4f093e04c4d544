"""Sluice's warm dbt runner: one long-lived process per pool slot, JSON lines over stdio.

See docs/adr/0005-warm-dbt-runner.md. The TypeScript client lives in adapters/runner/.
"""
