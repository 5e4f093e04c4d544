{# A macro that calls another: state:modified.macros follows macro dependencies. #}
{% macro amount_in_cents(col) %}{{ to_cents(col) }}{% endmacro %}
