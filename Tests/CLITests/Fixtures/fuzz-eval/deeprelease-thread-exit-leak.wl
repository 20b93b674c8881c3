(* FuzzEval, session A: LeakSanitizer reported a DeepRelease queue leaked by each kernel's evaluation
   thread at exit (nodes freed while the thread-exit destructor drained the queue made a new queue).
   Fixed in Sources/RampSyntax/DeepRelease.swift. Raw input: fuzz-eval-inputs/leak-83007ef1…; the
   leak itself shows only under LeakSanitizer (scripts/fuzz.sh eval-replay). *)
(Module[{g = -(Module[{s = 0}, 0])}, 0]) // (0)
Print["done"]
