(* FuzzEval, session 6 (11 of 14 findings in 10 minutes on 90a44f5, e.g. crash-4cad77c5…): printing
   Short[e, n] with a huge n (1.*^308) converted n times the line width to Int: "Double value cannot be
   converted to Int". A huge count now shows everything. Fixed in
   Sources/RampSyntax/Printers/DisplayForms.swift. *)
Print[Short[Range[5], 1.*^308]]
Print[Short[{a, b}, 10.^400]]
Print[ToString[Short[Range[3], 1.*^308]]]
Short[Short[ConstantArray[Rescale[Divisors[KeyValueMap[___, SameTest -> ___], Divisors[___, SameTest -> ___], Divisors[___, SameTest -> {{1., 2.} -> {0.5}}], Short[107, 1.*^308]]], Short[Short[Short[0, 0], 0], 0], 0], 0], 0];
Print["done"]
