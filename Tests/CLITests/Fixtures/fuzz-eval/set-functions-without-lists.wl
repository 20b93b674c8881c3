(* FuzzEval, session 5 (crash-f13d650e… and crash-da78b6c0…): index out of range in Complement when
   its only non-atomic argument was a rule (rules were dropped as "options", leaving no list).
   Union, Intersection and Complement now declare their SameTest option; a rule in first position
   is an expression like any other. Fixed in Sources/RampKernel/Builtins/ListsOrder.swift. *)
Print[Complement[(-Infinity) -> f]]
Complement[x -> x^2, 1, 1]
Print[Union[a -> b], " ", Union[], " ", Intersection[{1, 2}, {2}]]
Print[Union[{1, 2, 3, -1}, {1}, SameTest -> (Abs[#1] == Abs[#2] &)]]
Print[Intersection[{1, 2, 3}, {-2, 3}, SameTest -> (Abs[#1] == Abs[#2] &)]]
Print[Complement[{1, 2, 3, 4}, {-2}, SameTest -> (Abs[#1] == Abs[#2] &)]]
Complement[{1}, {2}, Foo -> 1]
Print["done"]
