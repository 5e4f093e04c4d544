{{ config(tags=['critical'], severity_hint='high') }}
{#- The tests run `dbt build --vars '{lab_break: true}'` to record a model error in run_results. -#}
{% if var('lab_break', false) %}
select * from a_table_that_does_not_exist
{% else %}
select account_id, sum(amount_cents) as revenue_cents
from {{ ref('fct_events') }}
group by account_id
{% endif %}
