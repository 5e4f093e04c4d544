select account_id, name, 2 as version_marker from {{ ref('stg_accounts') }}
