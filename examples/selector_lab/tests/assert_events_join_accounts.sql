{{ config(tags=['cross']) }}
select e.event_id from {{ ref('stg_events') }} e left join {{ ref('dim_accounts') }} a using (account_id) where a.account_id is null
