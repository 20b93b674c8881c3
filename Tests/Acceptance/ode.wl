(* Eigensystems, DSolve and NDSolve through the ramp executable: exact and numeric eigenvalues,
   closed-form solutions with constants C[i] and initial conditions, InterpolatingFunction objects
   applied, their domain, extrapolation, and NDSolve's messages. *)
Print[Eigensystem[{{2, 1, 1}, {1, 2, 1}, {1, 1, 2}}]]
Print[Eigenvalues[{{1, 2}, {3, 4}}], "  ", CharacteristicPolynomial[{{1, 2}, {3, 4}}, x]]
Print[Eigenvalues[{{0., 1.}, {-1., 0.}}]]
Print[Eigenvalues[{1, 2, 3}]]
Print[DSolve[y''[x] + y[x] == 0, y[x], x]]
Print[DSolve[{y'[x] + y[x] == Sin[x], y[0] == 0}, y[x], x]]
Print[DSolve[y'[x] == 2 y[x], y, x]]
sol = NDSolve[{y''[x] == -y[x], y[0] == 1, y'[0] == 0}, y, {x, 0, 2 Pi}]
f = y /. First[sol];
Print[f["Domain"], "  ", Round[10^6 f[Pi]], "  ", Round[10^6 (y[x] /. sol /. x -> 1.5)]]
Print[Round[10^3 f[7]]]
NDSolve[{y'[x] == y[x]^2, y[0] == 1}, y, {x, 0, 2}]
NDSolve[{y'[x] == y[x], y[0] == 1}, y, {x, 0, 100}, MaxSteps -> 10]
NDSolve[{y'[x] == y[x], y[0] == c}, y, {x, 0, 1}]
Print["done"]
