#!/usr/bin/env python3
"""Writes integer-cases.txt: random big-integer operations with their values computed by CPython's
int (and sympy for primes), one case per line: `input<TAB>expected InputForm`. IntegerPropertyTests
evaluates each input in Ramp and compares. The seed is fixed, so the file is reproducible:
    python3 Tests/RampKernelTests/Fixtures/make-integer-cases.py > Tests/RampKernelTests/Fixtures/integer-cases.txt
"""
import math
import random
import sys

import sympy

sys.set_int_max_str_digits(0)
rng = random.Random(15)


def operand():
    """A random integer: machine-sized, near the 64-bit boundary, or of up to 600 bits, either sign."""
    kind = rng.randrange(4)
    if kind == 0:
        v = rng.randrange(-(1 << 40), 1 << 40)
    elif kind == 1:
        v = (1 << 63) + rng.randrange(-5, 5)
    else:
        v = rng.getrandbits(rng.randrange(64, 600))
    return -v if rng.random() < 0.4 else v


def positive():
    v = abs(operand())
    return v if v > 1 else 7


def floor_div(a, b):
    return a // b  # Python's // and % are Wolfram's Quotient and Mod


def random_prime(lo, hi):
    """A prime drawn from [lo, hi) with this file's generator (sympy.randprime uses its own)."""
    while True:
        p = sympy.nextprime(rng.randrange(lo, hi) - 1)
        if p < hi:
            return p


def digit_sum(n, b):
    s = 0
    while n:
        s += n % b
        n //= b
    return s


def rational(n, d):
    g = math.gcd(n, d)
    n, d = n // g, d // g
    if d < 0:
        n, d = -n, -d
    return str(n) if d == 1 else f"{n}/{d}"


cases = []
for _ in range(60):
    a, b = operand(), operand()
    cases.append((f"{a} + {b}", str(a + b)))
    cases.append((f"{a} - {b}", str(a - b)))
    cases.append((f"{a} * {b}", str(a * b)))
    if b != 0:
        cases.append((f"Quotient[{a}, {b}]", str(floor_div(a, b))))
        cases.append((f"Mod[{a}, {b}]", str(a % b)))
        cases.append((f"{a} / {b}", rational(a, b)))
    cases.append((f"GCD[{a}, {b}]", str(math.gcd(a, b))))
    cases.append((f"LCM[{a}, {b}]", str(abs(a * b) // math.gcd(a, b) if a and b else 0)))
    cases.append((f"{a} < {b}", "True" if a < b else "False"))
for _ in range(25):
    a, m = operand(), positive()
    e = rng.randrange(0, 1 << rng.randrange(1, 200))
    cases.append((f"PowerMod[{a}, {e}, {m}]", str(pow(a, e, m))))
    if math.gcd(a, m) == 1:
        cases.append((f"PowerMod[{a}, -{e}, {m}]", str(pow(a, -e, m))))
for _ in range(20):
    a = operand()
    k = rng.randrange(0, 12)
    cases.append((f"({a})^{k}", str(a ** k)))
    n = abs(a)
    cases.append((f"IntegerLength[{n}]", str(len(str(n)) if n else 0)))
    cases.append((f"Total[IntegerDigits[{a}, 7]]", str(digit_sum(n, 7))))
    cases.append((f"IntegerString[{n}, 16]", '"' + format(n, "x") + '"'))
    r = math.isqrt(n)
    cases.append((f"Sqrt[{r * r}]", str(r)))
for _ in range(12):
    n = rng.randrange(0, 400)
    k = rng.randrange(0, n + 1)
    cases.append((f"Factorial[{n}]", str(math.factorial(n))))
    cases.append((f"Binomial[{n}, {k}]", str(math.comb(n, k))))
    cases.append((f"Fibonacci[{n}]", str(sympy.fibonacci(n))))
for _ in range(20):
    p = rng.getrandbits(rng.randrange(20, 200)) | 1
    cases.append((f"PrimeQ[{p}]", "True" if sympy.isprime(p) else "False"))
    cases.append((f"NextPrime[{p}]", str(sympy.nextprime(p))))
for _ in range(12):
    # Products of two primes of up to 30 bits and a small part: rho and trial division.
    n = random_prime(2, 1 << rng.randrange(8, 31)) * random_prime(2, 1 << rng.randrange(8, 31)) * rng.randrange(1, 1000)
    factors = sorted(sympy.factorint(n).items())
    cases.append((f"FactorInteger[{n}]", "{" + ", ".join(f"{{{p}, {e}}}" for p, e in factors) + "}"))

for _ in range(4):
    # Two primes of 33 to 36 bits: a cofactor past 64 bits, for rho on mpz_t.
    n = random_prime(1 << 33, 1 << rng.randrange(34, 37)) * random_prime(1 << 33, 1 << rng.randrange(34, 37))
    factors = sorted(sympy.factorint(n).items())
    cases.append((f"FactorInteger[{n}]", "{" + ", ".join(f"{{{p}, {e}}}" for p, e in factors) + "}"))

for inp, out in cases:
    print(f"{inp}\t{out}")
