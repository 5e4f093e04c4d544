select {{ lab_utils.lab_double(1) }} as n
