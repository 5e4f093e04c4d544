select account_id, name, 3 as version_marker from {{ ref('stg_accounts') }}
