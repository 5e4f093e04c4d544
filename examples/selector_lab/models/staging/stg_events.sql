select event_id, account_id, amount, loaded_at from {{ source('lab', 'events') }}
