(* Linear algebra and equation solving through the ramp executable: exact, symbolic and
   machine-real matrices, their messages, Solve for linear systems and univariate polynomials,
   and NSolve. *)
m = {{2, 1, 1}, {1, 3, 2}, {1, 0, 0}};
Print[Det[m], "  ", Inverse[m], "  ", Inverse[m] . m]
Print[LinearSolve[m, {4, 5, 6}], "  ", m . LinearSolve[m, {4, 5, 6}]]
Print[Det[{{a, b}, {c, d}}], "  ", Tr[{{a, b}, {c, d}}]]
Print[Inverse[{{a, b}, {c, d}}]]
Print[RowReduce[{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}], "  ", MatrixRank[{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}], "  ", NullSpace[{{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}]]
Print[Det[{{2., 0.}, {0., 4.}}], "  ", Inverse[{{2., 0.}, {0., 4.}}], "  ", LinearSolve[{{1., 2.}, {3., 4.}}, {1., 2.}]]
Print[Det[Table[1/(i + j - 1), {i, 4}, {j, 4}]], "  ", MatrixRank[Table[i j, {i, 5}, {j, 5}]]]
Inverse[{{1, 2}, {2, 4}}]
Det[{{1, 2, 3}}]
LinearSolve[{{1, 1}, {1, 1}}, {1, 2}]
Print[Solve[x^2 + 2 x - 7 == 0, x]]
Print[Solve[x^2 + x + 1 == 0, x], "  ", Solve[x^2 + 1 == 0, x], "  ", Solve[(x - 1)^2 == 0, x]]
Print[Solve[a x^2 + b x + c == 0, x]]
Print[Solve[{2 x + y == 1, x - y == 2}, {x, y}], "  ", Solve[{x + y == 1, x + y == 2}, {x, y}]]
Print[Solve[x^3 - 6 x^2 + 11 x - 6 == 0, x], "  ", Solve[1/x == 2, x]]
Solve[x + y == 1, {x, y}]
Solve[x == 1, 1]
Solve[Sin[x] == x, x]
Print[NSolve[x^2 - 4 == 0, x], "  ", NSolve[(x - 1)^2 (x + 2) == 0, x]]
Print[Length[NSolve[x^5 - x + 1 == 0, x]]]
