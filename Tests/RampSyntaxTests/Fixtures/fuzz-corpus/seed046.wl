c = (a
b)