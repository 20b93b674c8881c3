(* TeXForm and CForm through the ramp executable: printed by Print, as results, and by ToString. *)
Print[TeXForm[x^2 + Sqrt[y]]]
Print[TeXForm[(1 + x)^2/(3 y)], "  ", TeXForm[Sin[x] + Cos[x]^2]]
Print[CForm[x^2 + Sqrt[y]], "  ", CForm[1/2 + E^x]]
Print[ToString[D[x^3/3 - 2 Log[x], x], TeXForm]]
TeXForm[Integrate[f[x], x]]
Print["done"]
