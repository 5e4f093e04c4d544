select * from {{ ref('mart_revenue') }} where revenue_cents < 0
