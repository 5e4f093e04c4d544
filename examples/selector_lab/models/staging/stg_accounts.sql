{{ config(tags=['pii']) }}
select account_id, name from {{ source('lab', 'accounts') }}
