(* The examples of the ParametricRampLayer documentation page (../shared/reference, wolfram-nn.md §1.2). *)
(* Basic examples: create a layer; one with a given slope, applied to an input *)
ParametricRampLayer[]
Print[%]
prelu = ParametricRampLayer[{}, "Slope" -> 0.25];
Print[prelu[{{10, 10, 10}, {-10, -10, -10}}]]
(* Scope: a slope per dimension of a length-3 vector *)
prelu = NetInitialize@ParametricRampLayer["Input" -> 3];
Print[prelu]
Print[NetExtract[prelu, "Slope"]]
Print[Normal[NetExtract[prelu, "Slope"]]]
Print[prelu[{-1, 0, 2}]]
Print[prelu[{{-1, 0, 2}, {-2, 3, -4}}]]
(* learn the slopes on some data *)
SeedRandom[7];
data = Table[With[{x = RandomReal[{-2, 2}, 3]}, x -> MapThread[If[#1 < 0, #2 #1, #1] &, {x, {0.3, 0.5, 0.7}}]], {200}];
trained = NetTrain[prelu, data, MaxTrainingRounds -> 200, LearningRate -> 0.05, RandomSeeding -> 1, TrainingProgressReporting -> None];
Print[Round[10 Normal[NetExtract[trained, "Slope"]]]]
(* a unique slope for a length-3 vector *)
unique = NetInitialize@ParametricRampLayer[{}, "Input" -> 3];
Print[Dimensions[NetExtract[unique, "Slope"]]]
Print[unique[{-1, -2, 3}]]
(* a sequence of length-3 vectors: level 2 holds the slopes *)
seq = NetInitialize@ParametricRampLayer[2, "Input" -> {"Varying", 3}];
Print[Dimensions[NetExtract[seq, "Slope"]]]
Print[seq[{{-1, -1, -1}, {1, -2, 3}}]]
(* Options: "Slope" given as values, and a fixed unique slope *)
given = ParametricRampLayer["Slope" -> {0.1, 0.2, 0.3}];
Print[given[{-1, -1, -1}]]
leaky = ParametricRampLayer[{}, "Slope" -> 0.2, LearningRateMultipliers -> 0];
Print[leaky[{-5, 5}]]
(* LearningRateMultipliers: the fixed slope stays after training a net around it *)
fixed = ParametricRampLayer[LearningRateMultipliers -> 0];
chain = NetChain[{LinearLayer[10], fixed, LinearLayer[1]}, "Input" -> 1];
curve = Table[{x} -> {Sin[x]}, {x, -3, 3, 0.1}];
trainedChain = NetTrain[chain, curve, MaxTrainingRounds -> 20, RandomSeeding -> 1, TrainingProgressReporting -> None];
Print[Normal[NetExtract[trainedChain, {2, "Slope"}]]]
(* Information about the layer, and one property *)
Print[Information[prelu]]
Print[Information[prelu, "ArraysTotalElementCount"]]
(* the brief's own form: <1, 2> reads as {1, 2} *)
brief = ParametricRampLayer[<1,2>, "Slope"->0.2, LearningRateMultipliers->0];
Print[NetExtract[brief, "Levels"]]
Print[Information[NetInitialize[NetReplacePart[brief, "Input" -> {2, 3}]], "ArraysDimensions"]]
