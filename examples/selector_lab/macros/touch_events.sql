{# Plays a loader: a newer row makes source lab.events "fresher" between two freshness checks. #}
{% macro lab_touch_events() %}
  {% do run_query("insert into main.raw_events values (99, 1, 1, '2026-11-21 08:00:00')") %}
{% endmacro %}
