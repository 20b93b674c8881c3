(* Polynomial algebra through the ramp executable (RampAlgebra on FLINT): Expand, Factor, Together,
   Cancel, Apart, GCDs, division, coefficients, Collect, Simplify; the size limit and Factor's
   degree limit give messages instead of exhausting the machine or hanging. *)
Print[Expand[(x + y)^3], "  ", Expand[(1 + x)^2/x], "  ", Expand[(1 + I x)^2]]
Print[Length[Expand[(1 + x + y + z)^30]], "  ", Expand[(1.5 + x)^2]]
Print[Factor[x^3 - 6 x^2 + 11 x - 6], "  ", Factor[x^4 + 4], "  ", Factor[1 - x^2]]
Print[Factor[x^10 - y^10]]
Print[Length[Factor[x^100 - 1]], "  ", Factor[x^3 + x^2]]
Print[Together[1/(x + 1) + 1/(x - 1)], "  ", Together[a/b + c/d], "  ", Cancel[(x^2 - 1)/(x - 1)]]
Print[Apart[1/(x^2 - 1)], "  ", Apart[(x^3 + 1)/(x^2 - 1)^2]]
Print[PolynomialGCD[(1 + x)^2 (2 + x) (4 + x), (1 + x) (2 + x) (3 + x)], "  ", PolynomialLCM[x^2 - 1, x + 1]]
Print[PolynomialQuotient[x^3 + 2 x + 3, x + 1, x], "  ", PolynomialRemainder[x^3 + 2 x + 5, x + 1, x]]
Print[Resultant[x^2 - 2 x + 7, x^3 - x + 5, x], "  ", Discriminant[a x^2 + b x + c, x]]
Print[Coefficient[(x + 1)^3, x, 2], "  ", CoefficientList[1 + 6 x - x^4, x], "  ", Exponent[(x^2 + 1)^3, x]]
Print[Collect[a x + b x + c, x], "  ", Variables[(x + y)^2 + Sin[z]], "  ", PolynomialQ[1/x, x]]
Print[Simplify[(x^2 - 1)/(x - 1)], "  ", Simplify[Sin[x]^2 + Cos[x]^2], "  ", Simplify[1 - Cos[x]^2]]
p = Expand[(x - 1)^5 (x + 2)^3];
Print[p]
Print[Factor[p], "  ", D[p, x] // Factor]
Expand[(1 + x)^(10^9)]
Factor[x^(10^5) - 1]
Coefficient[x^2, 3/2 + 1/2]
Print["done"]
