select
    store_id,
    store_name,
    opened_on
from {{ source('ecom', 'stores') }}
