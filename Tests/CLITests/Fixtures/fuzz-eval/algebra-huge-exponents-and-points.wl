(* Found by a generated-program run over the algebra builtins (session 8, /work/algfuzz, seeds 76, 114
   and 211): Together took one division per power of x in x^(2^62) (a hang), and Series expanded about a
   point that contains its own variable without end. Now the multiplicity of a denominator is found
   by repeated squaring (Polynomials/PolynomialBuiltins.swift) and Series refuses such a point
   (Series::sspec). *)
Print[Together[2 x/x^(2^62)]]
Print[Simplify[((1/2 * (x^(2^62))/({x, y})))^-1]]
Series[(PolynomialRemainder[Apart[1/2, 1/(x+1)], f[x], x^-3])^-2, {x, x^(1/2), 3}];
(* Seed 211: PolynomialLCM of a product with x^(2^61) asked FLINT to factor a polynomial of that
   degree (factored output is now limited to the degrees Factor works on). *)
Print[PolynomialLCM[x^(2^61), 1], " ", PolynomialGCD[x^(2^61), x^(2^60)]]
Print["done"]
