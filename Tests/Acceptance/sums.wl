(* Sum and Product through the ramp executable: explicit sums, symbolic terms, closed forms for
   polynomial and geometric terms and the standard infinite series, a range too long to walk, and
   the messages for a divergent series and a bad iterator. *)
Print[Sum[i^2, {i, 10}], "  ", Sum[x^k, {k, 3}], "  ", Sum[i j, {i, 3}, {j, i}], "  ", Sum[1/k, {k, 10}]]
Print[Sum[i^2, {i, 1, n}], "  ", Sum[k^3, {k, n}], "  ", Sum[r^k, {k, 0, n}]]
Print[Sum[1/i^6, {i, 1, Infinity}], "  ", Sum[x^i/i!, {i, 0, Infinity}], "  ", Sum[x^k, {k, 0, Infinity}]]
Print[Sum[k, {k, 10^9}], "  ", Sum[0.5 k, {k, 1, 4}], "  ", Head[Sum[RandomReal[], {12}]]]
Print[Product[k, {k, 1, 10}], "  ", Product[x + k, {k, 3}], "  ", Product[k, {k, 1, n}]]
Print[D[Sum[x^k/k, {k, 1, 5}], x]]
Sum[1/n, {n, Infinity}]
Sum[k, x]
Print["done"]
