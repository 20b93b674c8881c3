(* FuzzEval, session 5 (on d59eca9): TimeConstrained with one argument indexed past its arguments
   (Control.swift: the count check was lost when argument counts moved into specs). Fixed: its spec
   declares 2 or 3 arguments. Raw input: fuzz-eval-inputs/crash-e44ec3f5…; every builtin is now also
   called with 0–6 arguments by Tests/RampTests/EveryBuiltinTests.swift. *)
TimeConstrained[x]
TimeConstrained[]
Print[TimeConstrained[1 + 1, 1]]
Print["done"]
