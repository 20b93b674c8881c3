(* FuzzEval, session C: a slow unit (2 s) and a timeout (with the machine loaded) on nested
   Permutations of a sequence holding associations. The evaluation takes milliseconds; its result
   prints as about 600,000 characters, and FuzzEval printed it in three forms after the watchdog's
   abort, which printing never polled. Printing now stops at an abort (PrintInterruption, polled by
   ToString, Print, Export and the fuzzer's own printing). Raw inputs: fuzz-eval-inputs/slow-unit-fc0b5cfc…
   and fuzz-eval-inputs/timeout-98769f08…. *)
AllTrue[Permutations[Permutations[Permutations[<|Permutations[5.*^-324] -> Permutations[5.*^-324], Permutations[a | b] :> x|>, <|(0) /@ (Range[5]) -> x, x :> x|>, x]]]];
AllTrue[Permutations[Permutations[Permutations[<|Permutations[5.*^-324] -> Permutations[5.*^-324], Permutations[5.*^-324] :> Permutations[Unevaluated[1 + 1]]|>, x, 0]]]];
Print["done"]
