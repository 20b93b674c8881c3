(* NumericArray and nets answer the core list functions through their capabilities (issue 12 §1: no builtin is wrapped). *)
a = NumericArray[{{1, 2, 3}, {4, 5, 6}}, "Real32"];
Print[{Length[a], Dimensions[a], Dimensions[a, 1]}]
Print[Normal[a]]
Print[a[[2]]]
Print[Normal[a[[2]]]]
Print[a[[2, 3]]]
Print[a[[-1, 1]]]
Print[a[[All, 1]]]
a[[3]]
Print[Normal[{a, 7}]]
layer = NetInitialize[ParametricRampLayer["Input" -> 2]];
Print[Normal[layer]]
chain = NetChain[{LinearLayer[2, "Input" -> 1], ParametricRampLayer[]}];
Print[Normal[chain]]
