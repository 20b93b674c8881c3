#!/usr/bin/env python3
"""Writes precision-cases.txt: `input<TAB>digits<TAB>exponent` lines, where input is
RealDigits[N[f[x], n]] for random exact x and n, and digits/exponent are mpmath's value rounded to
n significant digits (what RealDigits of a correct n-digit result gives). Fixed seed; run from this
folder: python3 make-precision-cases.py > precision-cases.txt"""
import random
from decimal import Decimal, ROUND_HALF_EVEN, getcontext
import mpmath

random.seed(15)
getcontext().prec = 200

def rat(lo, hi, positive=False):
    while True:
        q = random.randint(1, 12)
        p = random.randint(int(lo * q), int(hi * q))
        if positive and p <= 0:
            continue
        if p != 0 or not positive:
            return p, q

def wl(p, q):
    return f"{p}/{q}" if q != 1 else f"{p}"

# name, mpmath function, argument range, positive only
functions = [
    ("Exp", mpmath.exp, (-30, 30), False), ("Log", mpmath.log, (0, 1000), True),
    ("Sin", mpmath.sin, (-100, 100), False), ("Cos", mpmath.cos, (-100, 100), False),
    ("Tan", mpmath.tan, (-3, 3), False), ("ArcTan", mpmath.atan, (-50, 50), False),
    ("ArcSin", mpmath.asin, (-1, 1), False), ("Sinh", mpmath.sinh, (-20, 20), False),
    ("Cosh", mpmath.cosh, (-20, 20), False), ("Tanh", mpmath.tanh, (-5, 5), False),
    ("Sqrt", mpmath.sqrt, (0, 1000), True), ("Gamma", mpmath.gamma, (0, 40), True),
    ("LogGamma", mpmath.loggamma, (0, 100), True), ("Zeta", mpmath.zeta, (2, 30), True),
    ("Erf", mpmath.erf, (-4, 4), False), ("Erfc", mpmath.erfc, (-2, 6), False),
    ("ArcSinh", mpmath.asinh, (-100, 100), False),
]

for _ in range(400):
    name, f, (lo, hi), positive = random.choice(functions)
    p, q = rat(lo, hi, positive)
    if name == "Zeta" and p == q:
        continue
    if name == "ArcSin" and abs(p) > q:
        continue
    n = random.randint(5, 60)
    mpmath.mp.dps = n + 40
    v = f(mpmath.mpf(p) / q)
    if v == 0:
        continue
    s = mpmath.nstr(abs(v), n + 30, min_fixed=1, max_fixed=0)   # d.ddd…e±k
    d = Decimal(s)
    exp10 = d.adjusted()                                          # d = m × 10^exp10, 1 ≤ m < 10
    m = (d.scaleb(-exp10)).quantize(Decimal(1).scaleb(-(n - 1)), rounding=ROUND_HALF_EVEN)
    if m >= 10:
        m = (m / 10).quantize(Decimal(1).scaleb(-(n - 1)), rounding=ROUND_HALF_EVEN)
        exp10 += 1
    digits = str(m).replace(".", "")
    print(f"RealDigits[N[{name}[{wl(p, q)}], {n}]]\t{digits}\t{exp10 + 1}")
