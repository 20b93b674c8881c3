(* Series and Limit through the ramp executable: Taylor and Laurent series (printed as Wolfram
   prints them in OutputForm by ToString, as SeriesData in InputForm), Normal, limits at points, at
   infinity, one-sided, and the order limit's message. *)
s = Series[Sin[x], {x, 0, 7}];
Print[ToString[s]]
Print[s]
Print[Normal[s], "  ", Normal[Series[Exp[x] Cos[x], {x, 0, 4}]]]
Print[ToString[Series[1/Sin[x]^2, {x, 0, 2}]], "  ", ToString[Series[Log[x], {x, 1, 3}]]]
Print[Limit[Sin[x]/x, x -> 0], "  ", Limit[(1 + 1/x)^x, x -> Infinity], "  ", Limit[(1 - Cos[x])/x^2, x -> 0]]
Print[Limit[1/x, x -> 0, Direction -> "FromAbove"], "  ", Limit[1/x, x -> 0, Direction -> "FromBelow"], "  ", Limit[1/x, x -> 0]]
Series[x, {x, 0, 1000}]
Print["done"]
