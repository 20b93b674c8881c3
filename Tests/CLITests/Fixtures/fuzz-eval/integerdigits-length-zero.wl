(* FuzzEval, session 6 (crash-73269372…, found after ~10 minutes on 8059607): IntegerDigits[n, b, 0]
   made a packed array of no elements, which trapped ("PackedArray: bad shape [0]"). Length 0
   keeps no digit: the result is {}. Fixed in Sources/RampKernel/Builtins/NumberFunctions.swift. *)
Print[IntegerDigits[2, 2, 0], " ", IntegerDigits[12345, 10, 0], " ", IntegerDigits[{1, 2}, 10, 0]]
Print[IntegerDigits[IntegerDigits[IntegerDigits[2, 2, 0], 2]]]
i; ((((Information[IntegerLength[]]) * (0)) + (IntegerDigits[IntegerDigits[IntegerDigits[2, 2, 0], 2], Indeterminate[, TrainingStoppingCriterion -> Indeterminate["x*", E, "Slope" -> 5.*^-324]], SoftmaxLayer[Overlaps[5.*^-324, 5.*^-324, y, x]]])) * (LCM[, "Input" -> 0])) * (0);
Print["done"]
