{% macro lab_double(x) %}({{ x }} * 2){% endmacro %}
