{a, b
, c}