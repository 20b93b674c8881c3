(* Argument counts are checked by the kernel from each builtin's declaration (Wolfram's argx, argr, argrx, argt, argb, argm messages); the call stays unevaluated. *)
Length[1, 2]
StringLength[]
Take[{1, 2, 3}]
Lookup[1, 2, 3, 4]
Print[Head[Length[]]]
Range[]
StringJoin["a", "b"]
Print[Attributes[Table]]
