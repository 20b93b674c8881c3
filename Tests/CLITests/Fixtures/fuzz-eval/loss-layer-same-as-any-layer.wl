(* FuzzEval, session 5 (crash-6d9a5879…): "Duplicate keys of type 'Expr' were found in a Dictionary"
   in Times, in about a third of runs (hash seeds differ per process). MeanSquaredLossLayer[] compared
   SameQ to any other layer with no input shape (`(other as? Self)?.inputShape == inputShape` is
   nil == nil), while the hashes differed. Fixed in Sources/RampNet/LossLayers.swift; 0. and -0. now
   hash alike too (they are SameQ). The loop runs the product in 40 fresh hash orders. *)
p = ParametricRampLayer[]; q = MeanSquaredLossLayer[]; L = {a -> 1, b -> 2};
Do[Times[Times[Times[Times[p, p], Times[q, p]], Times[Times[L, 1.5], Times[p, p]]],
   Times[Times[Times[p, p], Times[p, p]], Times[Times[p, L], -(-69)]]], {40}];
Print[SameQ[q, p], " ", SameQ[p, q], " ", SameQ[0., -0.], " ", Length[Union[{0., -0.}]]]
Print[Times[p, q, p, q] === p^2 q^2]
Print["done"]
