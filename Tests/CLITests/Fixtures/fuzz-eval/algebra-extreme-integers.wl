(* Found by the generated-program run over the algebra builtins (session 8, seed 737) and the audit
   that followed: Integrate trapped on abs(-2^63) of an exponent (Calculus/Antiderivative.swift),
   Sum/Solve negated or doubled machine integers that can overflow (Sums.swift, Solve.swift), and
   NSolve/Solve/Root handed FLINT a polynomial of degree 2^40 to factor, which aborted the process
   ("Unable to allocate memory"): Polynomial.factored() now refuses degrees past Factor's limit. *)
Integrate[(Apart[-1] + (x == 1)^-2^63), {x, 0, -Infinity}];
Integrate[(x + 1)^(-2^63), x];
Integrate[1/(x^2 + 1)^(2^62), x];
Sum[k^(-2^63), {k, Infinity}];
Solve[x^2 - 2^63 x + 1 == 0, x];
Solve[2^62 x^2 + x + 1 == 0, x];
NSolve[x^(2^40) - 1 == 0, x];
Solve[x^(2^40) == 1, x];
Root[#^(2^40) - 2 &, 1];
Print["done"]
