select e.event_id, e.account_id, a.name, {{ amount_in_cents('e.amount') }} as amount_cents
from {{ ref('stg_events') }} e
join {{ ref('stg_accounts') }} a using (account_id)
