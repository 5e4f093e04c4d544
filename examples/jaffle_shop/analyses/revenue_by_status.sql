select status, sum(amount) as revenue
from {{ ref('orders') }}
group by status
