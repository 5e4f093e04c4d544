select account_id, name, 1 as version_marker from {{ ref('stg_accounts') }}
