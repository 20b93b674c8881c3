a*b
c