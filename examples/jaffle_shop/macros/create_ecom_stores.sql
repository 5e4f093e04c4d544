{#- Creates the `ecom.stores` source table when it is missing, stamped with its load time. -#}
{% macro create_ecom_stores() -%}
  {% if execute %}
    create schema if not exists ecom;
    create table if not exists ecom.stores as
      select * from (values
        (1, 'Philadelphia', cast('2016-09-01' as date), current_timestamp),
        (2, 'Brooklyn', cast('2017-03-12' as date), current_timestamp)
      ) as t(store_id, store_name, opened_on, loaded_at);
  {% endif %}
{%- endmacro %}
