{#-
  Incremental by day. `meta.sluice.partition` is the contract that lets a Sluice plan run this model
  as PARTIAL: the plan passes `sluice_partition_start` / `sluice_partition_end` (dates, end
  exclusive) and only those days are rebuilt. Without them, dbt's usual incremental rule applies.
-#}
{{
  config(
    materialized='incremental',
    unique_key='order_date',
    incremental_strategy='delete+insert',
    meta={'sluice': {'partition': {'column': 'order_date', 'granularity': 'day', 'lookback': 3}}}
  )
}}

{% set start = var('sluice_partition_start', none) %}
{% set end = var('sluice_partition_end', none) %}

select
    order_date,
    count(*) as order_count,
    sum(amount) as revenue
from {{ ref('orders') }}
{% if start is not none and end is not none %}
where order_date >= cast('{{ start }}' as date) and order_date < cast('{{ end }}' as date)
{% elif is_incremental() %}
where order_date >= (select max(order_date) from {{ this }}) - 3
{% endif %}
group by order_date
