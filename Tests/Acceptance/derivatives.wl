(* Symbolic derivatives through the ramp executable: D with its specifiers, the chain rule through
   builtin and unknown functions, Derivative of functions (f', pure functions, definitions), the
   messages for bad variables and orders, and the periodic shortcut for huge orders. *)
Print[D[x^2 Sin[x], x]]
Print[D[x^x, x]]
Print[D[x^n, x]]
Print[D[Sin[x]^10, {x, 4}]]
Print[D[Exp[-x^2], x], "  ", D[Log[x], x], "  ", D[Sqrt[1 + x^2], x]]
Print[D[{ArcTan[x], ArcSin[x], Tanh[x], Erf[x], Gamma[x]}, x]]
Print[D[x^2 y^3, x, y], "  ", D[x^3 y^2, {{x, y}}], "  ", D[x^3 y^2, {{x, y}, 2}]]
Print[D[f[x], x], "  ", D[f[x, y], x], "  ", D[f[g[x]], x]]
Print[D[f[x], {x, 3}], "  ", D[Abs[x], x]]
Print[Derivative[1][Sin], "  ", Sin''[x], "  ", (#^3 &)'[t]]
cube[x_] := x^3
Print[cube'[x], "  ", cube''[2], "  ", Derivative[1][cube]]
Print[D[Sin[x], {x, 10^18 + 1}], "  ", D[x^5, {x, 10^18}]]
Print[Length[D[Total[Table[Sin[k x] x^k, {k, 1000}]], x]]]
D[x, 1]
D[x^2, {x, -1}]
Print[D[x^2, {x, 1/2}]]
D[f[x], x]
Print[Dt[x^2], "  ", Dt[x^2 + y^2, x]]
