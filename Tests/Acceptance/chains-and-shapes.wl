(* NetChain, LinearLayer, ElementwiseLayer (wolfram-nn.md §5) and input shapes, single vs batch (§6). *)
chain = NetInitialize[NetChain[{LinearLayer[3], Ramp, 2, LogisticSigmoid}, "Input" -> 4], RandomSeeding -> 3];
Print[chain]
Print[Head /@ Normal[chain]]
Print[Information[chain, "LayersCount"]]
Print[Information[chain, "LayerTypeCounts"]]
Print[Dimensions[NetExtract[chain, {1, "Weights"}]]]
Print[Normal[NetExtract[chain, {1, "Biases"}]]]
Print[Dimensions[chain[{1, 2, 3, 4}]]]
Print[Dimensions[chain[{{1, 2, 3, 4}, {0, 0, 0, 0}, {4, 3, 2, 1}}]]]
named = NetChain[<|"lin" -> LinearLayer[2, "Input" -> 2], "act" -> ElementwiseLayer["ReLU"]|>];
Print[Keys[Normal[named]]]
Print[NetExtract[named, "act"]]
Print[LinearLayer[{}, "Input" -> 3]]
Print[LinearLayer[2, "Biases" -> None, "Input" -> 2]]
e = ElementwiseLayer[Ramp[#] - 0.3 Ramp[-#] &];
Print[e[{-1, -0.5, 0, 0.5, 1}]]
Print[ElementwiseLayer["SELU"][{-1., 1.}]]
Print[ElementwiseLayer[Tanh][{0, 1}]]
(* single example or batch, by the rank of the data *)
vec = NetInitialize[ParametricRampLayer["Input" -> 3]];
Print[vec[{-1, 2, -3}]]
Print[vec[{{-1, 2, -3}, {1, 1, 1}}]]
Print[vec[NumericArray[{{-1, 2, -3}}, "Real32"]]]
mat = NetInitialize[ParametricRampLayer[{2}, "Input" -> {2, 3}]];
Print[Dimensions[NetExtract[mat, "Slope"]]]
Print[mat[{{-1, -1, -1}, {-1, -1, -1}}]]
span = NetInitialize[ParametricRampLayer[1 ;; 2, "Input" -> {2, 3}]];
Print[Dimensions[NetExtract[span, "Slope"]]]
swapped = NetInitialize[ParametricRampLayer[{2, 1}, "Input" -> {3, 4}]];
Print[Dimensions[NetExtract[swapped, "Slope"]]]
neg = NetInitialize[ParametricRampLayer[-1, "Input" -> {2, 5}]];
Print[Dimensions[NetExtract[neg, "Slope"]]]
varying = NetInitialize[ParametricRampLayer[2, "Input" -> {"Varying", 2}]];
Print[varying[{{-1, 1}, {-2, 2}, {-3, 3}}]]
ParametricRampLayer["Input" -> {3, "Varying"}]
