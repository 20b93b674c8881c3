(* x[[i]] = v, x[[i]] += v, AppendTo, a[k] = v, AssociateTo and KeyDropFrom change a variable's
   value in place when nothing shares it; a copy taken before keeps its value. *)
x = {1, 2, 3}; y = x; x[[2]] = 20;
Print[{x, y}]
m = {{1, 2}, {3, 4}}; m2 = m; m[[2, 1]] += 30; m[[-1, -1]]++;
Print[{m, m2}]
v = Range[5.]; w = v; w[[3]] = 0.;
Print[{v, w, Developer`PackedArrayQ[w]}]
(* a value that does not fit the packed array unpacks it *)
w[[1]] = a;
Print[{w, Developer`PackedArrayQ[w]}]
s = {}; Do[AppendTo[s, i], {i, 5}]; t = s; AppendTo[s, 6]; PrependTo[s, 0];
Print[{s, t}]
(* the appended element is evaluated as Append would evaluate it *)
k = {1}; AppendTo[k, Unevaluated[1 + 1]];
Print[k]
x[[7]] = 1
a = <|1 -> 2|>; b = a; a[3] = 4; Do[a[i + 10] = i, {i, 2}];
Print[{a, b}]
AssociateTo[a, {5 -> 6, 1 -> 0}]
Print[AssociateTo[a, "k" :> 1 + 1]]
Print[KeyDropFrom[a, {1, 3, "k"}]]
n = 5; AssociateTo[n, 1 -> 2]
AssociateTo[neverSet, 1 -> 2]
(* f[k] = v on a symbol without an association value is an ordinary definition *)
f[1] = 2;
Print[DownValues[f]]
