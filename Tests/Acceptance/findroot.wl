(* FindRoot through the ramp executable: one equation, a system, the secant method, and the
   messages for a non-numeric function and a singular Jacobian. *)
Print[FindRoot[Cos[x] == x, {x, 0}]]
Print[FindRoot[{x^2 + y^2 == 1, x == y}, {{x, 1}, {y, 0}}]]
Print[FindRoot[Exp[x] == 2, {x, 0, 1}], "  ", x /. FindRoot[x Exp[x] == 1, {x, 1}]]
FindRoot[f[x], {x, 1}]
Print[FindRoot[x^2 + 1, {x, 1}]]
Print["done"]
