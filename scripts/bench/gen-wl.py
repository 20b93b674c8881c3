#!/usr/bin/env python3
"""Writes a generated Wolfram-language file of about SIZE bytes (default 10 MB) to PATH.
Usage: gen-wl.py PATH [SIZE] [--one-line]"""
import sys, random
path = sys.argv[1]
size = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 10_000_000
one_line = "--one-line" in sys.argv
random.seed(1)
templates = [
    'f{i}[x_, y_:1] := Module[{{z = x^2 + {a} y}}, If[z > {b} && EvenQ[z], z/2, {{z, -z, {c}*^3}}]]',
    'data{i} = {{{a}, {c}, "str{i}\\n", a -> b, <|"k" -> {b}|>, #1 + #2 &[{a}, {b}]}}',
    '(* comment {i} *) g{i}[n_Integer?Positive] := g{i}[n - 1] + n // N',
    'Table[Sin[{c} k] Exp[-k/{b}], {{k, 1, {a}}}] /. {{x_ /; x < 0 :> 0}}',
    'net{i} = ParametricRampLayer[<1, 2>, "Slope" -> 0.{b}, LearningRateMultipliers -> 0]',
    'list{i}[[2 ;; -1]] = Map[#^2 &, Range[{a}]] ~Join~ {{{a}, {b}, {c}}}',
    'Plot[{{x^{a}, Cos[x]}}, {{x, -Pi, Pi}}, PlotRange -> All] @@ {{{c}}}',
]
out = []
total = 0
i = 0
sep = "; " if one_line else "\n"
while total < size:
    # Names repeat as in real code (a few hundred distinct definitions).
    line = random.choice(templates).format(i=i % 300, a=random.randint(1, 999), b=random.randint(1, 99),
                                           c=round(random.uniform(0, 100), 3))
    out.append(line)
    total += len(line) + len(sep)
    i += 1
with open(path, "w") as f:
    f.write(sep.join(out) + "\n")
