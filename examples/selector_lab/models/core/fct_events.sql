{{ config(sluice_tier='gold', labels=['finance', 'daily'], on_schema_change='fail') }}
select
  cast(event_id as integer) as event_id,
  cast(account_id as integer) as account_id,
  cast(amount_cents as bigint) as amount_cents,
  cast('2026-11-01' as date) as event_date
from {{ ref('int_events_enriched') }}
