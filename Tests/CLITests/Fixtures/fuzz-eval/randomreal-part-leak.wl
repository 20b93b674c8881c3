(* FuzzEval, session B: LeakSanitizer reported an 80-byte RandomReal buffer as leaked after this
   program (in about half the runs). The kernel's evaluation thread was detached: LeakSanitizer
   checked while the thread was still exiting and releasing it. A kernel now joins its thread when it
   is freed (Sources/RampKernel/EvaluationThread.swift). Raw input: fuzz-eval-inputs/leak-b0ef1bc7…. *)
((((((Automatic)[[Automatic]])[[(Automatic)[[Automatic]]]])[[((Automatic)[[Automatic]])[[(Automatic)[[Automatic]]]]]])[[(((Automatic)[[Automatic]])[[(Automatic)[[Automatic]]]])[[((Automatic)[[Automatic]])[[RandomReal[1, {2, 3}]]]]]]])[[<|0 -> 0, 0 :> 0|>]])[[0]]
Print["done"]
