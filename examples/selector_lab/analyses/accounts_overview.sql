select * from {{ ref('dim_accounts', v=2) }}
