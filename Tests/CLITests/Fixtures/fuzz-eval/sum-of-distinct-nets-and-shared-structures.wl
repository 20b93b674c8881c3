(* FuzzEval, session 8 run 19 (timeout-243c1f65…, timeout-e8ee9905…, timeout-aec31043…, on c6823c0):
   three Sum[body, {y, ~100}] programs past the per-input budget.
   1. Sum of terms holding freshly initialised nets (NetInitialize gives a new net each time): the
      canonical order called any two different native objects "less" both ways, so Plus sorted its
      terms differently on every evaluation and re-evaluated until $IterationLimit (74 s in the
      debug build). Native objects now order by head, then by the constructor call they print as.
   2. An association holding itself twice per level (f = <|… f …|> through AppendTo): Expr and
      AssociationObject hashed every path through the shared structure, 2^depth nodes, each time
      Plus collected like terms. Hashing now visits at most Expr.hashNodeBudget nodes, in an order
      fixed by the structure (equal expressions hash alike).
   3. Sorting or matching an expression against itself walked every path: the canonical order and
      the pattern matcher now take one shared node as equal to itself at once; LeafCount, Depth and
      the check an assignment makes for a self-reference visit each shared node once. *)
nets = Table[f[NetInitialize[LinearLayer[2, "Input" -> 2]]], {30}];
If[Length[Plus @@ nets] =!= 30, Print["a sum of 30 different nets did not keep 30 terms"]; Exit[1]];
If[Sort[nets] =!= Sort[Reverse[nets]], Print["the order of nets depends on where they start"]; Exit[1]];
x = 1; Do[x = <|1 -> x, 2 -> x|>, {60}];
If[Length[DeleteDuplicates[{x, x, 1}]] =!= 2, Print["DeleteDuplicates of self-nested associations"]; Exit[1]];
If[Length[Tally[{x, 1, x}]] =!= 2, Print["Tally of self-nested associations"]; Exit[1]];
y = 1; Do[y = g[y, y], {60}];
If[Length[Union[{y, y, 2}]] =!= 2, Print["Union of a shared structure"]; Exit[1]];
If[Sort[{y, 2, y}] =!= {2, y, y}, Print["Sort of a shared structure"]; Exit[1]];
(* LeafCount and Depth count each shared node once; an assignment's self-reference check too. *)
If[LeafCount[y] =!= 2^61 - 1 || Depth[y] =!= 61, Print["LeafCount or Depth of a shared structure"]; Exit[1]];
Sum[(Pi)[[DarkGray[DarkGray[DarkGray[Blue[124, 124, 124, 124], DarkGray[124, 124, 124, 124], DarkGray[124, 124, 124, 124], DarkGray[124, 124, 124]], DarkGray[With[{x = -2.5}, {{1., 2.} -> {0.5}}], 114, MaxIterations[, TargetDevice -> Automatic]], DarkGray[DarkGray[124, 124, 104, g], NetInitialize[LinearLayer[2, "Input" -> 2]], x = 0.5 - I, DarkGray[124, 124, 124, 26]], Merge[Merge[Sequence[]]]], DarkGray[DarkGray[ArcCosh[124, 124, 77, f], -(101), Module[{f = 124}, 124], 124], 124, 124, 124], 124, 124]]], {y, 99}]; 114
Clear[x, y, f, g];
Sum[(((AppendTo[f, {1, {2, 3}}])[97, Minus[, RandomSeeding -> AtomQ[f, 10, 10]]])&[f = BlockRandom[AtomQ[f, -1, 2^64], <|Missing[] -> x, f :> LinearLayer[3]|>]])[[Zeta[]]], {y, 101}]; (f = f = f = f = f[f_] := 10) + (f = 10)
Clear[x, y, f, g];
Sum[(((97)[DarkGray[DarkGray[124, 124, 124, 124], g = 0.5 - I, DarkGray[124, 124, 124, 124], DarkGray[124, 124, 124, 124]]])&[])[[Disk[DarkGray[DarkGray[DarkGray[124, 124, 124, 124], DarkGray[124, 124, 124, 124], DarkGray[124, 113, 124, 124], ({{1., 2.} -> {0.5}})[i, NetInitialize[LinearLayer[2, "Input" -> 2]]]], x = Function[{s, y}, 45], DarkGray[DarkGray[124, 124, 105, f], Range[5], With[{x = 124}, 124], DarkGray[124, 124, 124, 124]], 124], 124, 124, 124]]], {y, 124}]; 124
Print["done"]
