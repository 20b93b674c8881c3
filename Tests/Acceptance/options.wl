(* Options come from each builtin's spec: declared with Wolfram's defaults, split off the call by
   the kernel, changed by SetOptions, and refused with optx when unknown. *)
Print[Options[StringCases]]
Print[Options[Cases]]
Print[Options[NetInitialize]]
Print[StringCases["aBcb", "b", IgnoreCase -> True]]
Print[StringPosition["aaa", "aa", Overlaps -> False]]
(* a rule among the positional arguments is an argument, not an option *)
Print[StringReplace["abc", "a" -> "x"]]
Print[StringReplace["abc", "A" -> "x", IgnoreCase -> True]]
Print[Cases[{a -> 1, b}, a -> 1]]
Print[Cases[{f[x], x}, x, Infinity, Heads -> True]]
Print[Map[f, g[1, 2], Heads -> True]]
Print[Level[f[g[x]], {1}, Heads -> True]]
Print[FixedPoint[#/2 &, 1., SameTest -> (Abs[#1 - #2] < 0.1 &)]]
Print[ReplaceRepeated[f[f[f[x]]], f[y_] :> y, MaxIterations -> 2]]
(* SetOptions changes what later calls do *)
SetOptions[StringMatchQ, IgnoreCase -> True];
Print[StringMatchQ["ABC", "abc"]]
SetOptions[StringMatchQ, IgnoreCase -> False];
Print[StringMatchQ["ABC", "abc"]]
(* unknown options *)
Print[StringCases["abc", "a", Colour -> 1]]
Print[Cases[{1}, _, NoSuchOption -> 2]]
Print[TableForm[{1, 2}, NoSuchOption -> 3]]
Print[NetInitialize[ParametricRampLayer[], NoSuchOption -> 1]]
(* operator forms take one argument; the full form's count is checked *)
Print[Cases[_Integer][{1, a, 2}]]
Print[AllTrue[Positive][{1, 2}]]
Print[StringCases[]]
Print[Cases[1, 2, 3, 4, 5]]
