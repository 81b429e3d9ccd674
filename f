a b c
d  e
last